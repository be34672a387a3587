; x86_fp80 and IR struct/array arguments, and returns not in rax/rdx/xmm0/xmm1,
; are refused.  A return of two scalars ({ i64, double }) and an i128 are fine.
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %s 2>&1 | FileCheck %s

; CHECK: error: bulkhead: cannot gate the call from 'main' to 'fp80': argument 0 is x86_fp80/fp128 (passed on the stack)
; CHECK-NEXT: bulkhead: cannot gate the call from 'main' to 'agg': argument 0 is an IR struct/array
; CHECK-NEXT: bulkhead: cannot gate the call from 'main' to 'ret3': the return type is not returned in rax/rdx/xmm0/xmm1
; CHECK-NOT: ret2
; CHECK-NOT: ret128
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define void @main() !bulkhead.component !1 {
  call void @fp80(x86_fp80 0xK00000000000000000000)
  call void @agg({ i32, i32 } zeroinitializer)
  %a = call { i64, i64, i64 } @ret3()
  %b = call { i64, double } @ret2()
  %c = call i128 @ret128()
  ret void
}

define void @fp80(x86_fp80 %x) !bulkhead.component !2 {
  ret void
}
define void @agg({ i32, i32 } %x) !bulkhead.component !2 {
  ret void
}
define { i64, i64, i64 } @ret3() !bulkhead.component !2 {
  ret { i64, i64, i64 } zeroinitializer
}
define { i64, double } @ret2() !bulkhead.component !2 {
  ret { i64, double } zeroinitializer
}
define i128 @ret128() !bulkhead.component !2 {
  ret i128 0
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22movq %rcx, %r10\5Cnmovq %rdx, %r11\5Cnmovl ${to_pkru}, %eax\5Cnxorl %ecx, %ecx\5Cnxorl %edx, %edx\5Cnwrpkru\5Cncmpl ${to_pkru}, %eax\5Cnjne __bh_gate_violation\5Cnmovq %r10, %rcx\5Cnmovq %r11, %rdx\5Cnsubq $8, %rsp\5Cncall {callee}\5Cnaddq $8, %rsp\5Cnmovq %rax, %r10\5Cnmovq %rdx, %r11\5Cnmovl ${from_pkru}, %eax\5Cnxorl %ecx, %ecx\5Cnxorl %edx, %edx\5Cnwrpkru\5Cncmpl ${from_pkru}, %eax\5Cnjne __bh_gate_violation\5Cnmovq %r10, %rax\5Cnmovq %r11, %rdx\5Cnret\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
