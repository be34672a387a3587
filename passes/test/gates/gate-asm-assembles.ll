; The light mpk gate (gates/mpk/gate.S.tmpl), instantiated for main
; (compartment 0, PKRU 4294967283) calling vault_get in vault (compartment 1,
; PKRU 4294967247), assembles: two checked WRPKRU with the domains' values
; around the call of the callee symbol, and no other WRPKRU.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -o - %t.bc | FileCheck %s
; RUN: llc -filetype=obj -o %t.o %t.bc
; RUN: llvm-objdump -dr --section=.bh.gates %t.o | FileCheck %s --check-prefix=OBJ

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i32 @main() !bulkhead.component !1 {
  %a = call i32 @vault_get(i32 1)
  ret i32 %a
}

define i32 @vault_get(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}

; CHECK: .section .bh.gates,"ax",@progbits
; CHECK: .hidden __bh_gate_c0_vault_get
; CHECK: .globl __bh_gate_c0_vault_get
; CHECK-LABEL: __bh_gate_c0_vault_get:
; CHECK: #APP
; Into vault's domain, checked against the gate's own constant (a jump into
; the middle of the gate gains nothing).
; CHECK-NOT: wrpkru
; CHECK: movl $4294967247, %eax
; CHECK-NEXT: xorl %ecx, %ecx
; CHECK-NEXT: xorl %edx, %edx
; CHECK-NEXT: wrpkru
; CHECK-NEXT: cmpl $4294967247, %eax
; CHECK-NEXT: jne __bh_gate_violation
; CHECK-NOT: wrpkru
; CHECK: callq vault_get
; Back into main's domain, checked; the result survives the switch.
; CHECK: movq %rax, %[[KEEP:r[0-9]+]]
; CHECK-NOT: wrpkru
; CHECK: movl $4294967283, %eax
; CHECK-NEXT: xorl %ecx, %ecx
; CHECK-NEXT: xorl %edx, %edx
; CHECK-NEXT: wrpkru
; CHECK-NEXT: cmpl $4294967283, %eax
; CHECK-NEXT: jne __bh_gate_violation
; CHECK-NEXT: movq %[[KEEP]], %rax
; CHECK-NEXT: retq
; CHECK-NOT: wrpkru

; OBJ: <__bh_gate_c0_vault_get>:
; OBJ: wrpkru
; OBJ: callq
; OBJ-NEXT: R_X86_64_PLT32 vault_get-0x4
; OBJ: wrpkru
; OBJ: retq
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
