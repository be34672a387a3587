; A callback needs no export (docs/design.md 4b): the vault declares exports
; (vault_api only) and hands the address of its own unexported vault_cb to the
; app through a crossing; the app's indirect call is promoted to a direct call
; of vault_cb (a legal callback entry: its address escaped), and the link
; accepts it.  A direct call of vault_cb by name is still refused, and so is a
; comparison with an unexported function's address in the app's own code (only
; the promotion's comparisons, marked bulkhead.icall, are not references).
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-partition -S %t.ll | FileCheck %s
; RUN: sed -e 's/call void %fp()/call void @vault_cb()/' %t.ll > %t.direct.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-partition -disable-output %t.direct.ll 2>&1 | FileCheck %s --check-prefix=DIRECT
; RUN: sed -e 's/^;PROBE //' %t.ll > %t.probe.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-partition -disable-output %t.probe.ll 2>&1 | FileCheck %s --check-prefix=PROBE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK-LABEL: define void @app_run(ptr %fp)
; CHECK: icmp eq ptr %fp, @vault_cb
; CHECK: call void @__bh_gate_
; PROBE: bulkhead: function 'vault_hidden' of component 'vault' is not exported (exports in apps/x/vault/component.toml), but 'app_probe' of compartment core references it
; DIRECT: bulkhead: cannot gate the call from 'app_run' to 'vault_cb': 'vault_cb' is not exported by component 'vault' (exports in apps/x/vault/component.toml)

define void @vault_api() !bulkhead.component !2 {
  call void @app_register(ptr @vault_cb)
  ret void
}
define internal void @vault_cb() noinline !bulkhead.component !2 {
  ret void
}
define void @vault_hidden() noinline !bulkhead.component !2 {
  ret void
}
;PROBE define i1 @app_probe(ptr %p) noinline !bulkhead.component !1 {
;PROBE   %e = icmp eq ptr %p, @vault_hidden
;PROBE   ret i1 %e
;PROBE }
define void @app_register(ptr %p) noinline !bulkhead.component !1 {
  ret void
}
define void @app_run(ptr %fp) noinline !bulkhead.component !1 {
  call void %fp()
  ret void
}
define i32 @main() !bulkhead.component !1 {
  call void @vault_api()
  ret i32 0
}

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [], \22system\22: [\22kernel\22], \22exports\22: {\22vault\22: [\22vault_api\22]}, \22exports_files\22: {\22vault\22: \22apps/x/vault/component.toml\22}, \22compartments\22: [{\22name\22: \22core\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
