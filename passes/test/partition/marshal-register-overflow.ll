; More than 6 integer-class register arguments (an i128 counts 2), or more than
; 8 float/vector ones, put arguments on the stack, which the gate does not
; carry: such calls go through a marshalling thunk.  Exactly 6 is gated
; directly.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

; CHECK-LABEL: define void @main()
; CHECK: call void @__bh_gate_c0_six(i64 1
; CHECK: call void @__bh_gate_c0___bh_marshal_seven(ptr
; CHECK: call void @__bh_gate_c0___bh_marshal_wide(ptr
; CHECK: call void @__bh_gate_c0___bh_marshal_floats(ptr
; CHECK-NOT: __bh_marshal_six
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define void @main() !bulkhead.component !1 {
  call void @six(i64 1, i64 2, i64 3, ptr null, i32 5, i8 6)
  call void @seven(i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7)
  call void @wide(i128 1, i64 2, i64 3, i64 4, i64 5, i64 6, double 1.0)
  call void @floats(double 1.0, double 1.0, double 1.0, double 1.0, double 1.0, double 1.0, double 1.0, double 1.0, float 1.0)
  ret void
}

define void @six(i64 %a, i64 %b, i64 %c, ptr %d, i32 %e, i8 %f) !bulkhead.component !2 {
  ret void
}
define void @seven(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g) !bulkhead.component !2 {
  ret void
}
define void @wide(i128 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, double %x) !bulkhead.component !2 {
  ret void
}
define void @floats(double %a, double %b, double %c, double %d, double %e, double %f, double %g, double %h, float %i) !bulkhead.component !2 {
  ret void
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
