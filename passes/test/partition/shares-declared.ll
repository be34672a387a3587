; Declared sharing (docs/design.md 5b): [[compartment]] shares = [...] moves
; exactly the named globals to the shared region ("file.c:name" for a static,
; which LTO renames), under every policy.  With shared_globals = "declared" any
; other global used by another compartment stops the link, naming it, its
; file:line, its user and the line to add; a shares entry that names nothing,
; or several globals, is an error too.  The positive case: shares-placed.ll.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s
; bulkhead-dss: an address passed to another compartment, not declared.
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-dss -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=DSS

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: error: bulkhead: shares of compartment app names 'nosuch', but no global of its components has that name
; CHECK-NEXT: bulkhead: shares of compartment app names 'tmp', which is ambiguous: 'a.c:tmp' (a.c:3), 'b.c:tmp' (b.c:4); write file.c:name
; CHECK-NEXT: bulkhead: global 'vault.c:vault_secret' (vault.c:2) of compartment vault is used by 'main' (a.c:9) of compartment app, and policies.shared_globals = "declared" shares only what the configuration names: add shares = ["vault.c:vault_secret"] to compartment vault, or keep the global in its compartment
; CHECK-NOT: recs
; CHECK-NOT: counter
; DSS: error: bulkhead: the address of global 'vault.c:vault_box' (vault.c:5) of compartment vault leaves it (passed to 'app_take' in compartment 0), and policies.shared_globals = "declared" shares only what the configuration names: add shares = ["vault.c:vault_box"] to compartment vault
; DSS-NOT: recs

@recs = global [4 x i32] zeroinitializer, !bulkhead.component !2
@counter.llvm.7 = internal global i32 0, !bulkhead.component !2, !dbg !40
@vault_secret = global [8 x i8] zeroinitializer, !bulkhead.component !2, !dbg !41
@vault_box = global i64 0, !bulkhead.component !2, !dbg !44
@tmp.1 = internal global i32 0, !bulkhead.component !1, !dbg !42
@tmp.2 = internal global i32 0, !bulkhead.component !1, !dbg !43

define i32 @main() !bulkhead.component !1 !dbg !10 {
  %a = load i32, ptr @recs
  %b = load i32, ptr @counter.llvm.7
  %c = load i8, ptr @vault_secret
  %d = load i32, ptr @tmp.1
  %e = load i32, ptr @tmp.2
  ret i32 %a
}

define void @app_take(ptr %p) !bulkhead.component !1 {
  ret void
}

define void @vault_give() !bulkhead.component !2 {
  call void @app_take(ptr @vault_box)
  call void @app_take(ptr @recs)
  ret void
}

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !DIFile(filename: "a.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "main", scope: !11, file: !11, line: 9, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!30 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!31 = !DIFile(filename: "log.c", directory: "/src")
!32 = !DIFile(filename: "vault.c", directory: "/src")
!33 = !DIFile(filename: "b.c", directory: "/src")
!40 = !DIGlobalVariableExpression(var: !50, expr: !DIExpression())
!50 = distinct !DIGlobalVariable(name: "counter", scope: !20, file: !31, line: 1, type: !30, isLocal: true, isDefinition: true)
!41 = !DIGlobalVariableExpression(var: !51, expr: !DIExpression())
!51 = distinct !DIGlobalVariable(name: "vault_secret", scope: !20, file: !32, line: 2, type: !30, isLocal: false, isDefinition: true)
!44 = !DIGlobalVariableExpression(var: !54, expr: !DIExpression())
!54 = distinct !DIGlobalVariable(name: "vault_box", scope: !20, file: !32, line: 5, type: !30, isLocal: false, isDefinition: true)
!42 = !DIGlobalVariableExpression(var: !52, expr: !DIExpression())
!52 = distinct !DIGlobalVariable(name: "tmp", scope: !20, file: !11, line: 3, type: !30, isLocal: true, isDefinition: true)
!43 = !DIGlobalVariableExpression(var: !53, expr: !DIExpression())
!53 = distinct !DIGlobalVariable(name: "tmp", scope: !20, file: !33, line: 4, type: !30, isLocal: true, isDefinition: true)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22declared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22app\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22shares\22: [\22nosuch\22, \22tmp\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22], \22shares\22: [\22recs\22, \22log.c:counter\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
