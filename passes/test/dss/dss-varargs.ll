; bulkhead-dss, private stacks: a va_list that leaves its compartment points
; into the variadic function's frame (the register-save area) and its caller's
; (the stack arguments).  After va_start both are copied into locals that move
; to the data shadow stack, and the list points at the copies; the stack copy
; keeps the arguments' address modulo 16 and is as long as the most any call
; passes on the stack (i32 and 10 i64 arguments: 5 of the variadic ones are on the
; stack, 40 bytes, plus 8 for the alignment).  va_copy into a list that leaves
; makes the source leave too, directly or through a parameter.  A va_list that
; stays home is untouched.  x86-64 SysV va_list: {i32, i32, ptr, ptr}.
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

%struct.__va_list_tag = type { i32, i32, ptr, ptr }

; CHECK-LABEL: define i64 @logger_sum(i32 %n, ...)
; CHECK: %va.regs = alloca [176 x i8], align 16
; CHECK: %va.stack = alloca [48 x i8], align 16
; CHECK: call void @llvm.va_start.p0(ptr %ap.dss)
; CHECK-NEXT: [[RS:%.*]] = getelementptr inbounds i8, ptr %ap.dss, i64 16
; CHECK-NEXT: %va.regs.orig = load ptr, ptr [[RS]]
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 16 %va.regs.dss, ptr align 16 %va.regs.orig, i64 176, i1 false)
; CHECK-NEXT: store ptr %va.regs.dss, ptr [[RS]]
; CHECK-NEXT: [[OS:%.*]] = getelementptr inbounds i8, ptr %ap.dss, i64 8
; CHECK-NEXT: %va.stack.orig = load ptr, ptr [[OS]]
; CHECK-NEXT: [[I:%.*]] = ptrtoint ptr %va.stack.orig to i64
; CHECK-NEXT: [[M:%.*]] = and i64 [[I]], 15
; CHECK-NEXT: %va.stack.args = getelementptr inbounds i8, ptr %va.stack.dss, i64 [[M]]
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %va.stack.args, ptr align 8 %va.stack.orig, i64 40, i1 false)
; CHECK-NEXT: store ptr %va.stack.args, ptr [[OS]]
; CHECK-NEXT: %r = call i64 @peer_vsum(i32 %n, ptr %ap.dss)
; Zeroed before the frame goes, like every shadow.
; CHECK: call void @llvm.memset.p0.i64(ptr align 1 %va.regs.dss, i8 0, i64 176, i1 true)
; CHECK: ret i64 %r
define i64 @logger_sum(i32 %n, ...) !bulkhead.component !2 {
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  %r = call i64 @peer_vsum(i32 %n, ptr %ap)
  call void @llvm.va_end.p0(ptr %ap)
  ret i64 %r
}

; va_copy: the copy leaves, so the original's frame is copied at va_start.
; CHECK-LABEL: define i64 @logger_copy(i32 %n, ...)
; CHECK: %va.regs = alloca [176 x i8], align 16
; CHECK-NOT: %va.stack =
; CHECK: call void @llvm.va_start.p0(ptr %ap.dss)
; CHECK-NEXT: getelementptr inbounds i8, ptr %ap.dss, i64 16
; CHECK: call void @llvm.va_copy.p0(ptr %aq.dss, ptr %ap.dss)
define i64 @logger_copy(i32 %n, ...) !bulkhead.component !2 {
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  %aq = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  call void @llvm.va_copy.p0(ptr %aq, ptr %ap)
  %r = call i64 @peer_vsum(i32 %n, ptr %aq)
  ret i64 %r
}

; A va_list handed to a function of its own compartment that va_copies it into
; a list that leaves: the parameter exports it.
; CHECK-LABEL: define i64 @logger_via(i32 %n, ...)
; CHECK: %va.regs = alloca [176 x i8]
define i64 @logger_via(i32 %n, ...) !bulkhead.component !2 {
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  %r = call i64 @relay(i32 %n, ptr %ap)
  ret i64 %r
}

define i64 @relay(i32 %n, ptr %l) !bulkhead.component !2 {
  %aq = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_copy.p0(ptr %aq, ptr %l)
  %r = call i64 @peer_vsum(i32 %n, ptr %aq)
  ret i64 %r
}

; Read at home: untouched.
; CHECK-LABEL: define i64 @logger_home(i32 %n, ...)
; CHECK-NOT: va.regs
; CHECK: call void @llvm.va_start.p0(ptr %ap)
; CHECK-NEXT: %r = call i64 @home_vsum(i32 %n, ptr %ap)
define i64 @logger_home(i32 %n, ...) !bulkhead.component !2 {
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  %r = call i64 @home_vsum(i32 %n, ptr %ap)
  ret i64 %r
}

define i64 @home_vsum(i32 %n, ptr %l) !bulkhead.component !2 {
  %p = getelementptr inbounds i8, ptr %l, i64 8
  %v = load ptr, ptr %p
  %x = load i64, ptr %v
  ret i64 %x
}

define i64 @app() !bulkhead.component !1 {
  %a = call i64 (i32, ...) @logger_sum(i32 10, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7, i64 8, i64 9, i64 10)
  %b = call i64 (i32, ...) @logger_copy(i32 2, i64 1, i64 2)
  %c = call i64 (i32, ...) @logger_via(i32 2, i64 1, i64 2)
  %d = call i64 (i32, ...) @logger_home(i32 2, i64 1, i64 2)
  ret i64 %a
}

define i64 @peer_vsum(i32 %n, ptr %l) !bulkhead.component !3 {
  ret i64 0
}

declare void @llvm.va_start.p0(ptr)
declare void @llvm.va_end.p0(ptr)
declare void @llvm.va_copy.p0(ptr, ptr)

; CHECK: \22function\22:\22logger_sum\22,\22kept\22:\22{{[^\\]*}}\22,\22local\22:\22va.regs\22,\22reason\22:\22register-save area of a va_list that leaves the compartment\22
; CHECK-SAME: \22function\22:\22logger_sum\22,\22kept\22:\22{{[^\\]*}}\22,\22local\22:\22va.stack\22,\22reason\22:\22stack arguments of a va_list that leaves the compartment\22
; CHECK-SAME: \22reason\22:\22copied by va_copy into a va_list passed to 'peer_vsum' in compartment 2\22
; CHECK-SAME: \22function\22:\22logger_via\22,\22kept\22:\22{{[^\\]*}}\22,\22local\22:\22\22,\22reason\22:\22passed to 'relay', whose argument 1 is exported (copied by va_copy into a va_list passed to 'peer_vsum' in compartment 2)\22
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22nop\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22hold\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22hold\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22read\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22read\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"app"}
!2 = !{!"hold"}
!3 = !{!"read"}
