; A second partition run changes nothing (module flag bulkhead.partitioned),
; and a second finalize run neither (the marker is defined).
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll -o %t.1.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.1.ll -o %t.2.ll
; RUN: tail -n +2 %t.1.ll > %t.1.body
; RUN: tail -n +2 %t.2.ll > %t.2.body
; RUN: diff %t.1.body %t.2.body
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition,bulkhead-partition,bulkhead-finalize,bulkhead-finalize -S %t.ll | FileCheck %s
; RUN: FileCheck %s --check-prefix=FLAG < %t.1.ll

; CHECK-COUNT-1: @__bh_image =
; CHECK-NOT: @__bh_image =
; CHECK-COUNT-1: define hidden i32 @__bh_gate_c0_vault_get(
; CHECK-NOT: define hidden i32 @__bh_gate
; FLAG: !{i32 7, !"bulkhead.partitioned", i32 1}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i32 @main() !bulkhead.component !1 {
  %a = call i32 @vault_get(i32 1)
  ret i32 %a
}

define i32 @vault_get(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
