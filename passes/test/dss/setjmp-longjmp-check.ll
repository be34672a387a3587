; setjmp/longjmp (docs/design.md 5f), any gated backend: before every longjmp
; of a compartment's function, bulkhead-dss puts the kernel's
; bh_longjmp_check(env, __bh_c<i>_text_start, __bh_c<i>_text_end, i, delta, heap),
; which stops the image when env's target is not that compartment's code, and
; under private stacks with data shadow stacks zeroes the shadows of the frames
; the longjmp skips (delta = __bh_c<i>_dss_delta; 0 without private stacks;
; heap = 1 under stack_data = "shared-heap": their blocks are freed), and under
; private stacks gets the compartment's resume slot %gs:__bh_c<i>_sp (a target
; at or above it would skip a crossing the compartment waits in; 0: none).  A
; jmp_buf handed only to setjmp/longjmp does not leave (they are the
; kernel's, run in the caller's domain).
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@lib_env = global [8 x i64] zeroinitializer, !bulkhead.component !2

; CHECK-LABEL: define i32 @try_it()
; CHECK-NEXT: %env = alloca [8 x i64]
; CHECK-NEXT: %r = call i32 @setjmp(ptr %env)
define i32 @try_it() !bulkhead.component !1 {
  %env = alloca [8 x i64]
  %r = call i32 @setjmp(ptr %env) #0
  %again = icmp ne i32 %r, 0
  br i1 %again, label %caught, label %first
first:
; CHECK: call void @bh_longjmp_check(ptr %env, ptr @__bh_c0_text_start, ptr @__bh_c0_text_end, i32 0, i64 0, i32 0, i64 0)
; CHECK-NEXT: call void @longjmp(ptr %env, i32 1)
  call void @longjmp(ptr %env, i32 1) #1
  unreachable
caught:
  ret i32 1
}

; CHECK-LABEL: define void @lib_raise()
; CHECK-NEXT: call void @bh_longjmp_check(ptr @lib_env, ptr @__bh_c1_text_start, ptr @__bh_c1_text_end, i32 1, i64 0, i32 0, i64 0)
; CHECK-NEXT: call void @_longjmp(ptr @lib_env, i32 2)
define void @lib_raise() !bulkhead.component !2 {
  call void @_longjmp(ptr @lib_env, i32 2) #1
  unreachable
}

; Private stack: the compartment's DSS delta.
; CHECK-LABEL: define void @priv_raise(ptr %env)
; CHECK-NEXT: %bh.resume = call i64 asm sideeffect "movq %gs:${1:c}, $0", "=r,i"(ptr @__bh_c2_sp)
; CHECK-NEXT: call void @bh_longjmp_check(ptr %env, ptr @__bh_c2_text_start, ptr @__bh_c2_text_end, i32 2, i64 ptrtoint (ptr @__bh_c2_dss_delta to i64), i32 0, i64 %bh.resume)
define void @priv_raise(ptr %env) !bulkhead.component !3 {
  call void @longjmp(ptr %env, i32 3) #1
  unreachable
}

declare i32 @setjmp(ptr) #0
declare void @longjmp(ptr, i32) #1
declare void @_longjmp(ptr, i32) #1

attributes #0 = { returns_twice }
attributes #1 = { noreturn }

; CHECK: !bulkhead.dss = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{\22escaping_globals\22:[],\22shadow_locals\22:[]}"}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22nop\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22]}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22]}, {\22name\22: \22priv\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22priv\22], \22options\22: {\22stack\22: \22private\22}}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
!3 = !{!"priv"}
