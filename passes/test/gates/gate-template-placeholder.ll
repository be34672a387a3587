; Every placeholder of the gate template is substituted ({from}, {to},
; keys, PKRUs, {stub}, {callee}); "$" and other inline-asm metacharacters of
; the template pass through literally; an unknown placeholder is an error.
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %s | FileCheck %s
; RUN: sed 's/{from_key}/{from_kee}/' %s > %t.bad.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.bad.ll 2>&1 | FileCheck %s --check-prefix=BAD

; CHECK: call void asm sideeffect "# {{__bh_gate_c0_vault_get}} 0 1 1 2 4294967283 4294967247 $$5 $|\0Acall ${0:P}\0Aret"
; BAD: error: bulkhead: gate template uses unknown placeholder {from_kee}

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
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22# {stub} {from} {to} {from_key} {to_key} {from_pkru} {to_pkru} $5 |\5Cncall {callee}\5Cnret\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
