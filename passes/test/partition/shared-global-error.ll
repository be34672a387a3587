; Policy shared_globals = "error": a global used across compartments is an
; error naming the global, its component and compartment, the foreign users and
; an owner-side user.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s

; CHECK: error: bulkhead: global 'vault_counter' of component 'vault' (compartment 1) is used by another compartment: 'main' (compartment 0) and by 'vault_get' in its own compartment (policies.shared_globals = "error")

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@vault_counter = global i32 0, !bulkhead.component !2

define i32 @main() !bulkhead.component !1 {
  %a = load i32, ptr @vault_counter
  ret i32 %a
}

define i32 @vault_get() !bulkhead.component !2 {
  %a = load i32, ptr @vault_counter
  ret i32 %a
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22error\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
