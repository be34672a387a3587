; x86_fp80 and IR struct/array arguments go through a marshalling thunk; a
; return the gate does not carry (three registers' worth) comes back in the
; argument block: the thunk returns void and stores it, the caller loads it.
; A return of two scalars ({ i64, double }) and an i128 are gated directly.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -filetype=obj -o %t.o %t.bc

; CHECK-LABEL: define void @main()
; CHECK: call void @__bh_gate_c0___bh_marshal_fp80(ptr
; CHECK: call void @__bh_gate_c0___bh_marshal_agg(ptr
; CHECK: call void @__bh_gate_c0___bh_marshal_ret3(ptr %[[B:bh.args[0-9]*]])
; CHECK-NEXT: %[[F:[0-9]+]] = getelementptr inbounds { { i64, i64, i64 } }, ptr %[[B]], i32 0, i32 0
; CHECK-NEXT: %a = load { i64, i64, i64 }, ptr %[[F]]
; CHECK: %b = call { i64, double } @__bh_gate_c0_ret2()
; CHECK: %c = call i128 @__bh_gate_c0_ret128()
; CHECK: define hidden void @__bh_marshal_ret3(ptr %0)
; CHECK-NEXT: %[[R:[0-9]+]] = call { i64, i64, i64 } @ret3()
; CHECK-NEXT: %[[G:[0-9]+]] = getelementptr inbounds { { i64, i64, i64 } }, ptr %0, i32 0, i32 0
; CHECK-NEXT: store { i64, i64, i64 } %[[R]], ptr %[[G]]
; CHECK-NEXT: ret void
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
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
