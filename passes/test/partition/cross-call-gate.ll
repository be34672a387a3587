; A direct call between compartments becomes a call of the gate stub
; __bh_gate_c<from>_<callee>: one stub per (from, callee), same type as the
; callee, naked noinline nounwind, external hidden, in .bh.gates, whose body is
; the instantiated template with the callee as "i" operand 0.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK-LABEL: define i32 @main()
define i32 @main() !bulkhead.component !1 {
; CHECK: %a = call noundef i32 @__bh_gate_c0_vault_get(i32 noundef 1)
  %a = call noundef i32 @vault_get(i32 noundef 1)
; CHECK: %b = call noundef i32 @__bh_gate_c0_vault_get(i32 noundef 2)
  %b = call noundef i32 @vault_get(i32 noundef 2)
  %s = add i32 %a, %b
  ret i32 %s
}

; CHECK-LABEL: define dso_local i32 @vault_get(i32 %x)
define i32 @vault_get(i32 %x) !bulkhead.component !2 {
; CHECK: call void @__bh_gate_c1_kputs()
  call void @kputs()
  ret i32 %x
}

define void @kputs() !bulkhead.component !3 {
  ret void
}

; CHECK: define hidden i32 @__bh_gate_c0_vault_get(i32 %0) #[[GATE:[0-9]+]] section ".bh.gates" align 16 {
; CHECK-NEXT: call void asm sideeffect "{{.*}}wrpkru{{.*}}call ${0:P}{{.*}}wrpkru{{.*}}ret{{.*}}", "i,~{memory},~{dirflag},~{fpsr},~{flags}"(ptr @vault_get)
; CHECK-NEXT: unreachable
; CHECK: define hidden void @__bh_gate_c1_kputs() #[[GATE]] section ".bh.gates" align 16 {
; CHECK-NEXT: call void asm sideeffect "{{.*}}movl $$4294967283, %eax
; CHECK-SAME: (ptr @kputs)
; CHECK: attributes #[[GATE]] = { naked noinline nounwind }
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
