; bulkhead-dss follows an indirect call that bulkhead-icall checked
; (!bulkhead.icall): its targets can only be the caller's compartment's
; address-taken functions of the call's type, so a local passed to it moves to
; the data shadow stack only if one of those exports that argument.  An
; unchecked indirect call still exports everything it is given.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@keepers = global [1 x ptr] [ptr @keep], !bulkhead.component !1
@senders = global [1 x ptr] [ptr @send], !bulkhead.component !1

; address taken, type void(ptr, i32): reads its argument, exports nothing
define void @keep(ptr %p, i32 %n) !bulkhead.component !1 {
  %v = load i8, ptr %p
  ret void
}

; address taken, type void(ptr): hands its argument to another compartment
define void @send(ptr %p) !bulkhead.component !1 {
  call void @lib_fill(ptr %p)
  ret void
}

; CHECK-LABEL: define void @app(ptr %k, ptr %s, ptr %u)
define void @app(ptr %k, ptr %s, ptr %u) !bulkhead.component !1 {
; CHECK: %home = alloca [8 x i8]
; CHECK-NEXT: %out = alloca [8 x i8]
; CHECK-NEXT: ptrtoint ptr %out to i64
; CHECK: %unchecked = alloca [8 x i8]
; CHECK-NEXT: ptrtoint ptr %unchecked to i64
  %home = alloca [8 x i8]
  %out = alloca [8 x i8]
  %unchecked = alloca [8 x i8]
; CHECK: call void %k(ptr %home, i32 1)
  call void %k(ptr %home, i32 1), !bulkhead.icall !0
; CHECK: call void %s(ptr %out.dss)
  call void %s(ptr %out), !bulkhead.icall !0
; CHECK: call void %u(ptr %unchecked.dss)
  call void %u(ptr %unchecked)
  ret void
}

define void @lib_fill(ptr %p) !bulkhead.component !2 {
  store i8 1, ptr %p
  ret void
}

; CHECK: passed through a pointer to 'send', whose argument 0 is
; CHECK-SAME: passed to an indirect call\22
!0 = !{}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
