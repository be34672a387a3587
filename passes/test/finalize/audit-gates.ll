; Policy audit = "on": bulkhead-finalize counts every call of a gate stub (an
; atomic add before the call, in the caller, on a counter in .bh.shared.data)
; and lists each gate in __bh_audit_gates {count, stub, callee, from, to},
; ending with a null entry; the kernel's extern_weak declaration is replaced.
; Without audit nothing is counted and the declaration stays (weak: 0).
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition,bulkhead-finalize -S %t.ll | FileCheck %s
; RUN: sed 's/\\22audit\\22: \\22on\\22/\\22audit\\22: \\22off\\22/' %t.ll > %t.off.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition,bulkhead-finalize -S %t.off.ll | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@__bh_audit_gates = extern_weak global [0 x i8]

; CHECK-DAG: @__bh_audit_count.__bh_gate_c0_vault_get = internal global i64 0, section ".bh.shared.data", align 8
; CHECK-DAG: @__bh_audit_count.__bh_gate_c1_app_log = internal global i64 0, section ".bh.shared.data", align 8
; CHECK-DAG: @__bh_audit_gates = dso_local constant [3 x { ptr, ptr, ptr, i32, i32 }] [{ ptr, ptr, ptr, i32, i32 } { ptr @__bh_audit_count.__bh_gate_c0_vault_get, ptr @__bh_gate_c0_vault_get, ptr @vault_get, i32 0, i32 1 }, { ptr, ptr, ptr, i32, i32 } { ptr @__bh_audit_count.__bh_gate_c1_app_log, ptr @__bh_gate_c1_app_log, ptr @app_log, i32 1, i32 0 }, { ptr, ptr, ptr, i32, i32 } zeroinitializer], section ".bh.meta", align 8
; CHECK-DAG: @llvm.used = appending global [7 x ptr] [{{.*}}, ptr @__bh_audit_gates], section "llvm.metadata"
; OFF: @__bh_audit_gates = extern_weak global [0 x i8]
; OFF-NOT: __bh_audit_count
; OFF-NOT: atomicrmw

; CHECK-LABEL: define i32 @main(
define i32 @main() !bulkhead.component !1 {
; two call sites of one gate: each counted
; CHECK: atomicrmw add ptr @__bh_audit_count.__bh_gate_c0_vault_get, i64 1 monotonic, align 8
; CHECK-NEXT: %a = call i32 @__bh_gate_c0_vault_get(i32 1)
; CHECK: atomicrmw add ptr @__bh_audit_count.__bh_gate_c0_vault_get, i64 1 monotonic, align 8
; CHECK-NEXT: %b = call i32 @__bh_gate_c0_vault_get(i32 2)
  %a = call i32 @vault_get(i32 1)
  %b = call i32 @vault_get(i32 2)
  %p = load ptr, ptr @__bh_audit_gates
  %s = add i32 %a, %b
  ret i32 %s
}

; CHECK-LABEL: define dso_local i32 @vault_get(
define i32 @vault_get(i32 %x) !bulkhead.component !2 {
; CHECK: atomicrmw add ptr @__bh_audit_count.__bh_gate_c1_app_log, i64 1 monotonic, align 8
; CHECK-NEXT: call void @__bh_gate_c1_app_log(i32 %x)
  call void @app_log(i32 %x)
  ret i32 %x
}

define void @app_log(i32 %x) !bulkhead.component !1 {
  ret void
}

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22, \22audit\22: \22on\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
