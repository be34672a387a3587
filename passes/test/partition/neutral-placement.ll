; Neutral functions live in .bh.shared.text and are called without a gate
; from every compartment; the constants they reference move to the shared
; rodata (here under policy rodata = "compartment").
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @hex = constant [17 x i8] c"0123456789abcdef\00", section ".bh.shared.rodata"
@hex = constant [17 x i8] c"0123456789abcdef\00", !bulkhead.component !3

; CHECK-LABEL: define i8 @bh_hexdigit(i32 %d) section ".bh.shared.text"
define i8 @bh_hexdigit(i32 %d) !bulkhead.component !3 {
; CHECK: call i32 @bh_clamp(i32 %d)
  %c = call i32 @bh_clamp(i32 %d)
  %p = getelementptr [17 x i8], ptr @hex, i32 0, i32 %c
  %r = load i8, ptr %p
  ret i8 %r
}

; CHECK-LABEL: define i32 @bh_clamp(i32 %d) section ".bh.shared.text"
define i32 @bh_clamp(i32 %d) !bulkhead.component !3 {
  %r = and i32 %d, 15
  ret i32 %r
}

; CHECK-LABEL: define i8 @vault_get() section ".bh.c1.text"
define i8 @vault_get() !bulkhead.component !2 {
; CHECK: call i8 @bh_hexdigit(i32 3)
  %r = call i8 @bh_hexdigit(i32 3)
  ret i8 %r
}
; CHECK-NOT: @__bh_gate
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22compartment\22}, \22neutral\22: [\22bh_hexdigit\22, \22bh_clamp\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
