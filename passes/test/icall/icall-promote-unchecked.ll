; Policy indirect_calls = "promote": bulkhead-icall still turns the legal
; entries of other compartments into direct (gated) calls, but inserts no check
; before the call it leaves; bulkhead-partition accepts that call all the same.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@vault_ops = global [1 x ptr] [ptr @vault_cb], !bulkhead.component !2

; app reads vault's table: vault_cb's address reaches compartment main.
define ptr @app_peek() !bulkhead.component !1 {
  %p = load ptr, ptr @vault_ops
  ret ptr %p
}

define i32 @vault_cb(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}

; CHECK-LABEL: define i32 @main(ptr %fp)
; CHECK: icmp eq ptr %fp, @vault_cb
; CHECK: call i32 @__bh_gate_c0_vault_cb(i32 1)
; CHECK: call i32 %fp(i32 1), !bulkhead.icall.unchecked
; CHECK-NOT: __bh_icall_violation
define i32 @main(ptr %fp) !bulkhead.component !1 {
  %r = call i32 %fp(i32 1)
  ret i32 %r
}
; CHECK: \22checked\22:false
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22, \22indirect_calls\22: \22promote\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
