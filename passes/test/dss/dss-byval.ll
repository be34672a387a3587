; bulkhead-dss, private stacks: a by-value (byval) parameter lives in the
; argument area of the caller's frame, on the private stack.  If its address
; leaves the compartment, the function works on a copy in a local of its own,
; which moves to the data shadow stack like any escaping local (and is zeroed
; before each return).  A byval parameter that stays home is untouched, and an
; argument passed byval never makes the caller's local escape (the callee gets
; a copy).  An sret buffer is the caller's local: it moves when the callee
; exports it.  The manifest names the parameter.
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

%struct.big = type { i64, i64, i64, i64, i64 }

; CHECK-LABEL: define i64 @holder_take(ptr byval(%struct.big) align 8 %s)
; CHECK-NEXT: %s.copy = alloca %struct.big, align 8
; CHECK-NEXT: [[A:%.*]] = ptrtoint ptr %s.copy to i64
; CHECK-NEXT: [[D:%.*]] = sub i64 [[A]], ptrtoint (ptr @__bh_c1_dss_delta to i64)
; CHECK-NEXT: %s.copy.dss = inttoptr i64 [[D]] to ptr
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %s.copy.dss, ptr align 8 %s, i64 40, i1 false)
; CHECK-NEXT: %r = call i64 @reader_sum(ptr %s.copy.dss)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %s.copy.dss, i8 0, i64 40, i1 true)
; CHECK-NEXT: ret i64 %r
define i64 @holder_take(ptr byval(%struct.big) align 8 %s) !bulkhead.component !2 {
  %r = call i64 @reader_sum(ptr %s)
  ret i64 %r
}

; Escapes, and is forwarded by a musttail call: the call gets the parameter
; itself (the copy is a local of the frame the tail call replaces).
; CHECK-LABEL: define i64 @holder_forward(ptr byval(%struct.big) align 8 %s)
; CHECK: call i64 @reader_sum(ptr %s.copy.dss)
; CHECK: %r = musttail call i64 @holder_take(ptr byval(%struct.big) align 8 %s)
define i64 @holder_forward(ptr byval(%struct.big) align 8 %s) !bulkhead.component !2 {
  %v = call i64 @reader_sum(ptr %s)
  %r = musttail call i64 @holder_take(ptr byval(%struct.big) align 8 %s)
  ret i64 %r
}

; Only read here: the parameter stays where the ABI put it.
; CHECK-LABEL: define i64 @holder_peek(ptr byval(%struct.big) align 8 %s)
; CHECK-NEXT: %v = load i64, ptr %s
define i64 @holder_peek(ptr byval(%struct.big) align 8 %s) !bulkhead.component !2 {
  %v = load i64, ptr %s
  ret i64 %v
}

; Passed by value to another compartment: the caller's struct does not leave.
; CHECK-LABEL: define i64 @app()
; CHECK-NEXT: %b = alloca %struct.big
; CHECK-NEXT: %r = call i64 @holder_take(ptr byval(%struct.big) align 8 %b)
define i64 @app() !bulkhead.component !1 {
  %b = alloca %struct.big, align 8
  %r = call i64 @holder_take(ptr byval(%struct.big) align 8 %b)
  ret i64 %r
}

; sret: make's result buffer reaches the reader's compartment, so the caller's
; buffer moves.
define void @make(ptr sret(%struct.big) align 8 %out, i64 %base) !bulkhead.component !2 {
  call void @reader_fill(ptr %out, i64 %base)
  ret void
}

; CHECK-LABEL: define i64 @twice()
; CHECK: %x.dss = inttoptr
; CHECK: call void @make(ptr sret(%struct.big) align 8 %x.dss, i64 3)
define i64 @twice() !bulkhead.component !2 {
  %x = alloca %struct.big, align 8
  call void @make(ptr sret(%struct.big) align 8 %x, i64 3)
  %v = load i64, ptr %x
  ret i64 %v
}

define i64 @reader_sum(ptr %s) !bulkhead.component !3 {
  %v = load i64, ptr %s
  ret i64 %v
}

define void @reader_fill(ptr %s, i64 %v) !bulkhead.component !3 {
  store i64 %v, ptr %s
  ret void
}

; CHECK: !bulkhead.dss = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{{.*}}\22function\22:\22holder_take\22,\22kept\22:\22{{[^\\]*}}\22,\22local\22:\22s\22,\22reason\22:\22by-value parameter passed to 'reader_sum' in compartment 2\22{{.*}}\22function\22:\22twice\22,\22kept\22:\22{{[^\\]*}}\22,\22local\22:\22\22,\22reason\22:\22passed to 'make', whose argument 0 is exported (passed to 'reader_fill' in compartment 2)\22
; CHECK-NOT: \22function\22:\22app\22
; CHECK-NOT: holder_peek
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22nop\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22hold\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22hold\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22read\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22read\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"app"}
!2 = !{!"hold"}
!3 = !{!"read"}
