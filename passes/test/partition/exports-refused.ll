; Least privilege (docs/design.md 4b): a component that declares exports may be
; called and referenced from another compartment only through them, and a
; compartment with calls = [...] may call only those compartments.  Each
; violation is refused at link time with the call site's file:line: a call
; of a function the vault does not export, a read of its unexported global, a
; call along an edge the untrusted compartment's calls does not list, a call
; of a kernel internal and the address of another.  Exported ones (vault_api,
; vault_pub, vault_ops, the kernel's bh_dss_switch) and calls within a compartment pass.
; bulkhead-icall promotes no entry of a compartment the caller may not call.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-icall -S %t.ll | FileCheck %s --check-prefix=ICALL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: error: bulkhead: global 'vault_secret' of component 'vault' is not exported (exports in apps/x/vault/component.toml), but 'main' (app.c:12) of compartment core references it: add it to that component's exports, or keep the reference in its compartment
; CHECK-NEXT: bulkhead: function 'bh_paging_rekey' of component 'kernel' is not exported (exports in kernel/component.toml), but 'thief_steal' (thief.c:22) of compartment untrusted references it
; CHECK-NEXT: bulkhead: cannot gate the call from 'main' to 'vault_internal' (app.c:11): 'vault_internal' is not exported by component 'vault' (exports in apps/x/vault/component.toml): add it to that component's exports, or do not call it from another compartment
; CHECK-NEXT: bulkhead: cannot gate the call from 'thief_steal' to 'vault_api' (thief.c:20): compartment untrusted may not call compartment vault (its calls = [core]): add 'vault' to calls of compartment untrusted in the configuration
; CHECK-NEXT: bulkhead: cannot gate the call from 'thief_steal' to 'bh_paging_init' (thief.c:21): 'bh_paging_init' is not exported by component 'kernel' (exports in kernel/component.toml)
; CHECK-NOT: bulkhead:

; ICALL-LABEL: define void @thief_call(ptr %fp)
; ICALL: icmp eq ptr %fp, @app_cb
; ICALL-NOT: icmp eq ptr %fp, @vault_cb
; ICALL: call void @__bh_icall_violation

@vault_secret = global [16 x i8] zeroinitializer, !bulkhead.component !2
@vault_pub = global i32 7, !bulkhead.component !2
@vault_ops = global ptr @vault_cb, !bulkhead.component !2
@app_ops = global ptr @app_cb, !bulkhead.component !1

define i32 @vault_api() !bulkhead.component !2 {
  %v = call i32 @vault_internal()
  ret i32 %v
}
define i32 @vault_internal() noinline !bulkhead.component !2 {
  %v = load i8, ptr @vault_secret
  %w = zext i8 %v to i32
  ret i32 %w
}
define void @vault_cb() !bulkhead.component !2 {
  ret void
}
define void @app_cb() !bulkhead.component !1 {
  ret void
}
define void @bh_paging_init() !bulkhead.component !3 {
  ret void
}
define void @bh_paging_rekey() !bulkhead.component !3 {
  ret void
}
define void @bh_dss_switch() !bulkhead.component !3 {
  ret void
}

define i32 @main() !bulkhead.component !1 !dbg !10 {
  %a = call i32 @vault_api(), !dbg !13
  %b = call i32 @vault_internal(), !dbg !14
  %s = load i8, ptr @vault_secret, !dbg !15
  %p = load i32, ptr @vault_pub, !dbg !15
  %o = load ptr, ptr @vault_ops, !dbg !15
  %q = load ptr, ptr @app_ops, !dbg !15
  call void @bh_dss_switch(), !dbg !15
  ret i32 %a
}

define void @thief_steal() !bulkhead.component !4 !dbg !30 {
  %a = call i32 @vault_api(), !dbg !33
  call void @bh_paging_init(), !dbg !34
  call void @thief_call(ptr @bh_paging_rekey), !dbg !35
  call void @bh_dss_switch(), !dbg !35
  %q = load ptr, ptr @app_ops, !dbg !35
  ret void
}

define void @thief_call(ptr %fp) !bulkhead.component !4 {
  call void %fp()
  ret void
}

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !DIFile(filename: "app.c", directory: "/src")
!31 = !DIFile(filename: "thief.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "main", scope: !11, file: !11, line: 9, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!13 = !DILocation(line: 10, column: 3, scope: !10)
!14 = !DILocation(line: 11, column: 3, scope: !10)
!15 = !DILocation(line: 12, column: 3, scope: !10)
!30 = distinct !DISubprogram(name: "thief_steal", scope: !31, file: !31, line: 19, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!33 = !DILocation(line: 20, column: 3, scope: !30)
!34 = !DILocation(line: 21, column: 3, scope: !30)
!35 = !DILocation(line: 22, column: 3, scope: !30)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [], \22system\22: [\22kernel\22], \22exports\22: {\22kernel\22: [\22bh_dss_switch\22], \22vault\22: [\22vault_api\22, \22vault_pub\22, \22vault_ops\22]}, \22exports_files\22: {\22kernel\22: \22kernel/component.toml\22, \22vault\22: \22apps/x/vault/component.toml\22}, \22compartments\22: [{\22name\22: \22core\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}, {\22name\22: \22untrusted\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22thief\22], \22calls\22: [\22core\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
!4 = !{!"thief"}
