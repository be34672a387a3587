; A variadic callee in another compartment is called through a marshalling
; thunk made for each call's argument types: the thunk makes a real variadic
; call (al = the vector registers used) in the callee's compartment.  Calls
; with the same argument types share a thunk.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -filetype=obj -o %t.o %t.bc

; CHECK-LABEL: define void @main()
; CHECK: store double 2.000000e+00, ptr
; CHECK: call i32 @__bh_gate_c0___bh_marshal_vault_log(ptr %bh.args)
; CHECK: call i32 @__bh_gate_c0___bh_marshal_vault_log.1(ptr %bh.args1)
; CHECK: call i32 @__bh_gate_c0___bh_marshal_vault_log(ptr %bh.args2)
; CHECK: define hidden i32 @__bh_marshal_vault_log(ptr %0) section ".bh.c1.text"
; CHECK: call i32 (ptr, ...) @vault_log(ptr %{{[0-9]+}}, i32 %{{[0-9]+}}, double %{{[0-9]+}})
; CHECK: define hidden i32 @__bh_marshal_vault_log.1(ptr %0) section ".bh.c1.text"
; CHECK: call i32 (ptr, ...) @vault_log(ptr %{{[0-9]+}}, i64 %{{[0-9]+}})
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define void @main() !bulkhead.component !1 {
  %r = call i32 (ptr, ...) @vault_log(ptr null, i32 1, double 2.0)
  %s = call i32 (ptr, ...) @vault_log(ptr null, i64 7)
  %t = call i32 (ptr, ...) @vault_log(ptr null, i32 3, double 4.0)
  ret void
}

define i32 @vault_log(ptr %fmt, ...) !bulkhead.component !2 {
  ret i32 0
}

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
