; The private-stack gate (gates/mpk/gate-private.S.tmpl), instantiated for
; main (compartment 0, PKRU 4294967283) calling vault_get in vault
; (compartment 1, PKRU 4294967247), assembles and keeps its promises.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -o - %t.bc | FileCheck %s
; RUN: llc -filetype=obj -o %t.o %t.bc
; RUN: llvm-objdump -dr --section=.bh.gates %t.o | FileCheck %s --check-prefix=OBJ

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i64 @main() !bulkhead.component !1 {
  %a = call i64 @vault_get(i64 1)
  ret i64 %a
}

define i64 @vault_get(i64 %x) !bulkhead.component !2 {
  ret i64 %x
}

; The caller's callee-saved registers and its gate state (resume point, the
; callee it waits on) go on main's own stack and slots, which vault cannot write.
; CHECK-LABEL: __bh_gate_c0_vault_get:
; CHECK: pushq %rbx
; CHECK-DAG: pushq %rbp
; CHECK-DAG: pushq %r12
; CHECK-DAG: pushq %r13
; CHECK-DAG: pushq %r14
; CHECK-DAG: pushq %r15
; CHECK-DAG: pushq %gs:__bh_c0_sp
; CHECK-DAG: pushq %gs:__bh_c0_wait
; CHECK: movq $1, %gs:__bh_c0_wait
; CHECK: movq %rsp, %gs:__bh_c0_sp
; Into vault's domain, checked against the gate's own constant.
; CHECK-NOT: wrpkru
; CHECK: movl $4294967247, %eax
; CHECK-NEXT: xorl %ecx, %ecx
; CHECK-NEXT: xorl %edx, %edx
; CHECK-NEXT: wrpkru
; CHECK-NEXT: cmpl $4294967247, %eax
; CHECK-NEXT: jne __bh_gate_violation
; Onto vault's stack; every register but the argument (rdi) cleared.
; CHECK: movq %gs:__bh_c1_sp, %rsp
; CHECK-DAG: xorl %eax, %eax
; CHECK-DAG: xorl %ebx, %ebx
; CHECK-DAG: xorl %ebp, %ebp
; CHECK-DAG: xorl %esi, %esi
; CHECK-DAG: xorl %r8d, %r8d
; CHECK-DAG: xorl %r9d, %r9d
; CHECK-DAG: xorl %r10d, %r10d
; CHECK-DAG: xorl %r11d, %r11d
; CHECK-DAG: xorl %r12d, %r12d
; CHECK-DAG: xorl %r13d, %r13d
; CHECK-DAG: xorl %r14d, %r14d
; CHECK-DAG: xorl %r15d, %r15d
; CHECK-DAG: vzeroall
; CHECK-NOT: wrpkru
; CHECK: callq vault_get
; Back into main's domain, checked; main must be waiting on vault.
; CHECK: movq %rax, %[[KEEP:r[0-9]+]]
; CHECK-NOT: wrpkru
; CHECK: movl $4294967283, %eax
; CHECK-NEXT: xorl %ecx, %ecx
; CHECK-NEXT: xorl %edx, %edx
; CHECK-NEXT: wrpkru
; CHECK-NEXT: cmpl $4294967283, %eax
; CHECK-NEXT: jne __bh_gate_violation
; CHECK-NEXT: cmpq $1, %gs:__bh_c0_wait
; CHECK-NEXT: jne __bh_gate_order_violation
; The result, main's stack, state and registers back; the rest cleared.
; CHECK: movq %[[KEEP]], %rax
; CHECK: movq %gs:__bh_c0_sp, %rsp
; CHECK-NEXT: popq %gs:__bh_c0_wait
; CHECK-NEXT: popq %gs:__bh_c0_sp
; CHECK-DAG: popq %r15
; CHECK-DAG: popq %r14
; CHECK-DAG: popq %r13
; CHECK-DAG: popq %r12
; CHECK-DAG: popq %rbp
; CHECK-DAG: popq %rbx
; CHECK-DAG: xorl %esi, %esi
; CHECK-DAG: xorl %edi, %edi
; CHECK-DAG: xorl %r8d, %r8d
; CHECK-DAG: xorl %r9d, %r9d
; CHECK-DAG: xorl %[[KEEP]]d, %[[KEEP]]d
; CHECK-DAG: xorl %r11d, %r11d
; CHECK-DAG: vzeroall
; CHECK-NOT: %rax
; CHECK: retq
; CHECK-NOT: wrpkru

; OBJ: <__bh_gate_c0_vault_get>:
; OBJ: R_X86_64_32S __bh_c0_wait
; OBJ: R_X86_64_32S __bh_c0_sp
; OBJ: wrpkru
; OBJ: movq %gs:0x0, %rsp
; OBJ-NEXT: R_X86_64_32S __bh_c1_sp
; OBJ: callq
; OBJ-NEXT: R_X86_64_PLT32 vault_get-0x4
; OBJ: wrpkru
; OBJ: R_X86_64_PLT32 __bh_gate_order_violation-0x4
; OBJ: retq
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
