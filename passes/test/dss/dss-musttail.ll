; bulkhead-dss, private stacks: a function with an escaping local that ends in
; a musttail call.  Nothing may come between a musttail call and its ret, so
; the shadow is zeroed before the call, the way SafeStack.cpp finds returns
; (BasicBlock::getTerminatingMustTailCall); a musttail callee may not use the
; caller's locals anyway.  Returns without a musttail call keep the zeroing
; right before the ret.  The result must verify.
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK-LABEL: define i64 @forward(i64 %x, i1 %c)
define i64 @forward(i64 %x, i1 %c) !bulkhead.component !1 {
  %buf = alloca [16 x i8]
  call void @lib_fill(ptr %buf)
  br i1 %c, label %tail, label %plain
; CHECK: tail:
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %buf.dss, i8 0, i64 16, i1 true)
; CHECK-NEXT: %r = musttail call i64 @next(i64 %x, i1 %c)
; CHECK-NEXT: ret i64 %r
tail:
  %r = musttail call i64 @next(i64 %x, i1 %c)
  ret i64 %r
; CHECK: plain:
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %buf.dss, i8 0, i64 16, i1 true)
; CHECK-NEXT: ret i64 0
plain:
  ret i64 0
}

; A musttail call that returns void.
; CHECK-LABEL: define void @forward_void(i64 %x)
; CHECK: call void @llvm.memset.p0.i64(ptr align 1 %v.dss, i8 0, i64 8, i1 true)
; CHECK-NEXT: musttail call void @next_void(i64 %x)
; CHECK-NEXT: ret void
define void @forward_void(i64 %x) !bulkhead.component !1 {
  %v = alloca i64
  call void @lib_fill(ptr %v)
  musttail call void @next_void(i64 %x)
  ret void
}

define i64 @next(i64 %x, i1 %c) !bulkhead.component !1 {
  ret i64 %x
}

define void @next_void(i64 %x) !bulkhead.component !1 {
  ret void
}

define void @lib_fill(ptr %p) !bulkhead.component !2 {
  store i8 0, ptr %p
  ret void
}

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22nop\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
