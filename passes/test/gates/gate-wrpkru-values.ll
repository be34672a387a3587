; The placeholders of a gate built around WRPKRU (gates/mpk): {save_args} and
; {restore_args} keep only the rcx/rdx that carry arguments, {save_ret} and
; {restore_ret} only the rax/rdx that carry the result (void: eax cleared),
; {scrub_args} and {scrub_ret} clear what carries nothing and is not already
; zero after WRPKRU (ecx, edx), with one VZEROALL when no vector register
; carries anything.  f(i64, double) -> i32, g(6 pointers) -> void, h() -> {i64, i64}.
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i32 @main() !bulkhead.component !1 {
  %a = call i32 @f(i64 1, double 2.0)
  call void @g(ptr null, ptr null, ptr null, ptr null, ptr null, ptr null)
  %c = call { i64, i64 } @h()
  ret i32 %a
}

define i32 @f(i64 %x, double %y) !bulkhead.component !2 {
  ret i32 0
}

define void @g(ptr %a, ptr %b, ptr %c, ptr %d, ptr %e, ptr %f) !bulkhead.component !2 {
  ret void
}

define { i64, i64 } @h() !bulkhead.component !2 {
  ret { i64, i64 } zeroinitializer
}

; CHECK-LABEL: define hidden i32 @__bh_gate_c0_f(i64 %0, double %1)
; CHECK-NEXT: call void asm sideeffect "SA\0A\0ARA\0A\0ASR\0Amovq %rax, %r10\0ARR\0Amovq %r10, %rax\0ASCA\0Axorl %esi, %esi\0Axorl %r8d, %r8d\0Axorl %r9d, %r9d\0Apxor %xmm1, %xmm1\0A{{.*}}\0Apxor %xmm15, %xmm15\0ASCR\0Avzeroall\0Acall ${0:P}"
; CHECK-LABEL: define hidden void @__bh_gate_c0_g(
; CHECK-NEXT: call void asm sideeffect "SA\0Amovq %rcx, %r10\0Amovq %rdx, %r11\0ARA\0Amovq %r10, %rcx\0Amovq %r11, %rdx\0ASR\0A\0ARR\0Axorl %eax, %eax\0ASCA\0Avzeroall\0ASCR\0Avzeroall\0Acall
; CHECK-LABEL: define hidden { i64, i64 } @__bh_gate_c0_h(
; CHECK-NEXT: call void asm sideeffect "SA\0A\0ARA\0A\0ASR\0Amovq %rax, %r10\0Amovq %rdx, %r11\0ARR\0Amovq %r10, %rax\0Amovq %r11, %rdx\0ASCA\0Axorl %edi, %edi\0Axorl %esi, %esi\0Axorl %r8d, %r8d\0Axorl %r9d, %r9d\0Avzeroall\0ASCR\0Avzeroall\0Acall
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22SA\5Cn{save_args}\5CnRA\5Cn{restore_args}\5CnSR\5Cn{save_ret}\5CnRR\5Cn{restore_ret}\5CnSCA\5Cn{scrub_args}\5CnSCR\5Cn{scrub_ret}\5Cncall {callee}\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22]}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22]}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
