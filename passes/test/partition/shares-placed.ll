; Declared sharing, the positive case: under shared_globals = "declared" the
; globals a compartment's shares names go to the shared region ("file.c:name"
; finds a static LTO renamed; a declared global nobody else uses yet is shared
; too), and the manifest lists those used across compartments; everything
; else stays in its compartment.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @recs = global [4 x i32] [i32 1, i32 2, i32 3, i32 4], section ".bh.shared.data"
; CHECK: @counter.llvm.7 = internal global i32 0, {{.*}} #[[SH:[0-9]+]]
; CHECK: @vault_own = global i32 5, section ".bh.c1.data"
; CHECK: attributes #[[SH]] = { "bss-section"=".bh.shared.bss"
; CHECK: \22shared_globals\22:[{\22compartment\22:1,\22component\22:\22vault\22,\22name\22:\22recs\22,\22section\22:\22.bh.shared.data\22,\22users\22:[\22main\22]}]

@recs = global [4 x i32] [i32 1, i32 2, i32 3, i32 4], !bulkhead.component !2
@counter.llvm.7 = internal global i32 0, !bulkhead.component !2, !dbg !40
@vault_own = global i32 5, !bulkhead.component !2

define i32 @main() !bulkhead.component !1 {
  %a = load i32, ptr @recs
  ret i32 %a
}

define i32 @vault_count() !bulkhead.component !2 {
  %b = load i32, ptr @counter.llvm.7
  %c = load i32, ptr @vault_own
  %d = add i32 %b, %c
  ret i32 %d
}

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !31, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!30 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!31 = !DIFile(filename: "lib/log.c", directory: "/src")
!40 = !DIGlobalVariableExpression(var: !50, expr: !DIExpression())
!50 = distinct !DIGlobalVariable(name: "counter", scope: !20, file: !31, line: 1, type: !30, isLocal: true, isDefinition: true)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22declared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22app\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22], \22shares\22: [\22recs\22, \22log.c:counter\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
