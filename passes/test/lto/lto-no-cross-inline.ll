; Under the full-LTO pipeline (lto<O2> fires the FullLTO extension points),
; a small callee of another compartment is not inlined into its caller (it is
; called through its gate), while a same-compartment one is.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes='lto<O2>' -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @__bulkhead_pass_ran = dso_local constant i32 1
; CHECK-LABEL: define {{.*}}i32 @main(
define i32 @main(i32 %x) !bulkhead.component !1 {
; CHECK-NOT: call {{.*}}@app_twice
; CHECK: call i32 @__bh_gate_c0_vault_inc(i32
; CHECK-NOT: call {{.*}}@app_twice
; CHECK: ret i32
  %a = call i32 @app_twice(i32 %x)
  %b = call i32 @vault_inc(i32 %a)
  ret i32 %b
}

define internal i32 @app_twice(i32 %x) !bulkhead.component !1 {
  %r = shl i32 %x, 1
  ret i32 %r
}

; The callee survives, section and calling convention unchanged.
; CHECK: define internal i32 @vault_inc(i32 {{.*}}section ".bh.c1.text"
define internal i32 @vault_inc(i32 %x) !bulkhead.component !2 {
  %r = add i32 %x, 1
  ret i32 %r
}

; CHECK: define hidden i32 @__bh_gate_c0_vault_inc(i32 %0) #[[G:[0-9]+]] section ".bh.gates"
; CHECK: (ptr nonnull @vault_inc)
; CHECK-NEXT: unreachable
; CHECK: attributes #[[G]] = { naked noinline nounwind }
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
