; Policy stack_data = "shared-heap" (private stacks): a local whose address
; leaves its compartment is a block of the shared heap instead of a DSS shadow:
; bh_stack_share(size) where the local was, bh_stack_unshare(block, size)
; (zero and free) before every return.  A local that stays home is untouched;
; a local aligned beyond the heap's 16 bytes keeps the data shadow stack.  The
; manifest entry says which strategy moved it.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK-LABEL: define i32 @app(i1 %c)
define i32 @app(i1 %c) !bulkhead.component !1 {
; The block is taken after the entry block's allocas, before any call (one that
; returns twice, setjmp, must find it when it returns again).
; CHECK: %buf = alloca [24 x i8]
; CHECK: %wide = alloca [64 x i8], align 64
; CHECK-NEXT: ptrtoint ptr %wide to i64
; CHECK: %buf.heap = call ptr @bh_stack_share(i64 24)
; CHECK-NEXT: call void @lib_fill(ptr %buf.heap)
  %buf = alloca [24 x i8]
  %kept = alloca i32
  %wide = alloca [64 x i8], align 64
  call void @lib_fill(ptr %buf)
; CHECK: call void @lib_fill(ptr %wide.dss)
  call void @lib_fill(ptr %wide)
; CHECK: store i32 1, ptr %kept
  store i32 1, ptr %kept
  br i1 %c, label %early, label %late
; CHECK: early:
; CHECK: call void @bh_stack_unshare(ptr %buf.heap, i64 24)
; CHECK: ret i32 0
early:
  ret i32 0
; CHECK: late:
; CHECK: call void @bh_stack_unshare(ptr %buf.heap, i64 24)
; CHECK: ret i32 1
late:
  ret i32 1
}

define void @lib_fill(ptr %p) !bulkhead.component !2 {
  store i8 1, ptr %p
  ret void
}

; CHECK: declare ptr @bh_stack_share(i64)
; CHECK: declare void @bh_stack_unshare(ptr, i64)
; CHECK: \22local\22:\22\22,\22reason\22:\22passed to 'lib_fill' in compartment 1\22,\22site\22:\22\22,\22strategy\22:\22shared-heap\22
; CHECK: \22strategy\22:\22dss\22
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22, \22stack_data\22: \22shared-heap\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
