; bulkhead-dss, private stacks, policy stack_data = "shared-heap", a function
; that calls setjmp (returns_twice).  Every shared-heap block is taken in the
; entry block after its allocas, before any call: a block taken after setjmp
; would be taken again when setjmp returns a second time (the first one lost,
; with what was written to it).  Nothing is inserted after setjmp (a shadow or
; a block is a value fixed at entry; SafeStack has to restore its unsafe stack
; pointer there, a shadow has no pointer to restore).  A musttail call gets its
; bh_stack_unshare before it.
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK-LABEL: define i32 @protected_call()
; CHECK-NEXT: %env = alloca [8 x i64]
; CHECK-NEXT: %late.heap = call ptr @bh_stack_share(i64 8)
; CHECK-NEXT: %r = call i32 @setjmp(ptr %env)
; CHECK-NEXT: %late = alloca [8 x i8]
; CHECK-NEXT: %again = icmp ne i32 %r, 0
define i32 @protected_call() !bulkhead.component !1 {
  %env = alloca [8 x i64]
  %r = call i32 @setjmp(ptr %env) #0
  %late = alloca [8 x i8]
  %again = icmp ne i32 %r, 0
  br i1 %again, label %caught, label %first
first:
  call void @lib_fill(ptr %late)
  call void @raise(ptr %env)
  unreachable
; CHECK: caught:
; CHECK-NEXT: call void @bh_stack_unshare(ptr %late.heap, i64 8)
; CHECK-NEXT: ret i32 1
caught:
  ret i32 1
}

; CHECK-LABEL: define i64 @forward(i64 %x)
; CHECK: call void @bh_stack_unshare(ptr %buf.heap, i64 16)
; CHECK-NEXT: %r = musttail call i64 @next(i64 %x)
; CHECK-NEXT: ret i64 %r
define i64 @forward(i64 %x) !bulkhead.component !1 {
  %buf = alloca [16 x i8]
  call void @lib_fill(ptr %buf)
  %r = musttail call i64 @next(i64 %x)
  ret i64 %r
}

define i64 @next(i64 %x) !bulkhead.component !1 {
  ret i64 %x
}

; Before a longjmp: the check that also frees the shared-heap blocks of the
; frames it skips (heap = 1) and zeroes their DSS shadows.
; CHECK-LABEL: define void @raise(ptr %env)
; CHECK-NEXT: %bh.resume = call i64 asm sideeffect "movq %gs:${1:c}, $0", "=r,i"(ptr @__bh_c0_sp)
; CHECK-NEXT: call void @bh_longjmp_check(ptr %env, ptr @__bh_c0_text_start, ptr @__bh_c0_text_end, i32 0, i64 ptrtoint (ptr @__bh_c0_dss_delta to i64), i32 1, i64 %bh.resume)
; CHECK-NEXT: call void @longjmp(ptr %env, i32 1)
define void @raise(ptr %env) !bulkhead.component !1 {
  call void @longjmp(ptr %env, i32 1) #1
  unreachable
}

define void @lib_fill(ptr %p) !bulkhead.component !2 {
  store i8 0, ptr %p
  ret void
}

declare i32 @setjmp(ptr) #0
declare void @longjmp(ptr, i32) #1

attributes #0 = { returns_twice }
attributes #1 = { noreturn }

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22nop\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22, \22stack_data\22: \22shared-heap\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
