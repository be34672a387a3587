; __bh_self_<X> names the using compartment's own region (its heap:
; kernel/include/bulkhead/heap.h): bulkhead-partition binds each use to
; __bh_c<i>_<X>, i the compartment of the function or global that uses it,
; also inside constant expressions shared by functions of different
; compartments.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

; CHECK-NOT: @__bh_self_heap_start =
; CHECK: @app_heap = global ptr @__bh_c0_heap_start
; CHECK-DAG: @__bh_c0_heap_start = external dso_local global i8
; CHECK-DAG: @__bh_c1_heap_start = external dso_local global i8
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@__bh_self_heap_start = external global i8
@app_heap = global ptr @__bh_self_heap_start, !bulkhead.component !1

; CHECK-LABEL: define ptr @app_alloc()
; CHECK: getelementptr i8, ptr @__bh_c0_heap_start, i64 16
define ptr @app_alloc() !bulkhead.component !1 {
  ret ptr getelementptr (i8, ptr @__bh_self_heap_start, i64 16)
}

; CHECK-LABEL: define ptr @vault_alloc()
; CHECK: getelementptr i8, ptr @__bh_c1_heap_start, i64 16
define ptr @vault_alloc() !bulkhead.component !2 {
  ret ptr getelementptr (i8, ptr @__bh_self_heap_start, i64 16)
}

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
