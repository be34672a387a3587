; Placement (policy rodata = "shared"): functions in .bh.c<i>.text, constants
; in .bh.shared.rodata, initialized data in .bh.c<i>.data, zero-initialized data
; in .bh.c<i>.bss (implicit section, so it stays NOBITS), explicit .bh.* kept,
; other explicit sections replaced.  Only system components (the kernel here) may
; name .bh.* sections (partition/confine-sections.ll).
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @app_data = global i32 5, section ".bh.c0.data", !bulkhead.component
@app_data = global i32 5, !bulkhead.component !1
; CHECK: @vault_data = global [2 x i64] [i64 1, i64 2], section ".bh.c1.data", !bulkhead.component
@vault_data = global [2 x i64] [i64 1, i64 2], !bulkhead.component !2
; CHECK: @vault_zero = global i32 0, !bulkhead.component !{{[0-9]+}} #[[VBSS:[0-9]+]]
@vault_zero = global i32 0, !bulkhead.component !2
; CHECK: @app_zero = global [16 x i8] zeroinitializer, !bulkhead.component !{{[0-9]+}} #[[ABSS:[0-9]+]]
@app_zero = global [16 x i8] zeroinitializer, section "mysection", !bulkhead.component !1
; CHECK: @vault_const = constant i32 7, section ".bh.shared.rodata", !bulkhead.component
@vault_const = constant i32 7, !bulkhead.component !2
; CHECK: @gdt = global [2 x i64] zeroinitializer, section ".bh.sys", !bulkhead.component
@gdt = global [2 x i64] zeroinitializer, section ".bh.sys", !bulkhead.component !3

; CHECK: define i32 @main() section ".bh.c0.text"
define i32 @main() !bulkhead.component !1 {
  %a = load i32, ptr @app_data
  %b = load i8, ptr @app_zero
  ret i32 %a
}

; CHECK: define i32 @vault_get() section ".bh.c1.text"
define i32 @vault_get() !bulkhead.component !2 {
  %a = load i32, ptr @vault_zero
  %b = load i32, ptr @vault_const
  %c = load i64, ptr @vault_data
  ret i32 %a
}

; CHECK: define void @boot() section ".bh.boot.text"
define void @boot() section ".bh.boot.text" !bulkhead.component !3 {
  ret void
}

; CHECK-DAG: attributes #[[VBSS]] = { "bss-section"=".bh.c1.bss" "data-section"=".bh.c1.data" "relro-section"=".bh.c1.rodata" "rodata-section"=".bh.c1.rodata" }
; CHECK-DAG: attributes #[[ABSS]] = { "bss-section"=".bh.c0.bss" "data-section"=".bh.c0.data" "relro-section"=".bh.c0.rodata" "rodata-section"=".bh.c0.rodata" }
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
