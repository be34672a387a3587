; No escape from placement by attribute: a component that is not a system
; component may not put code or data in a .bh.* section (its own WRPKRU in
; .bh.gates, its data in .bh.shared.*); each is an error naming the symbol,
; its file:line and what to do.  The kernel (a system component) keeps its
; explicit .bh.* sections, and other explicit sections of any component are
; replaced (partition/sections.ll).
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: error: bulkhead: function 'smuggle' (lib.c:4) of component 'lib' is placed in section '.bh.gates' by attribute: only system components (kernel) may place code or data in .bh.* sections; remove the section attribute (the configuration places it; a global other compartments need is shared by policy)
; CHECK-NEXT: bulkhead: global 'lib_table' (lib.c:2) of component 'lib' is placed in section '.bh.shared.data' by attribute: only system components (kernel)
; CHECK-NOT: bh_ist_stack
; CHECK-NOT: lib_text

@lib_table = global [4 x i64] zeroinitializer, section ".bh.shared.data", !bulkhead.component !2, !dbg !30
@bh_ist_stack = global [64 x i8] zeroinitializer, section ".bh.shared.data", !bulkhead.component !3
@lib_text = global i32 1, section ".text.lib", !bulkhead.component !2

define void @smuggle() section ".bh.gates" !bulkhead.component !2 !dbg !10 {
  call void asm sideeffect "wrpkru", ""()
  ret void
}

define void @kmain() section ".bh.boot.text" !bulkhead.component !3 {
  ret void
}

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, emissionKind: FullDebug, globals: !{!30})
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !DIFile(filename: "lib.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "smuggle", scope: !11, file: !11, line: 4, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!30 = !DIGlobalVariableExpression(var: !31, expr: !DIExpression())
!31 = distinct !DIGlobalVariable(name: "lib_table", scope: !20, file: !11, line: 2, type: !32, isLocal: false, isDefinition: true)
!32 = !DIBasicType(name: "long", size: 64, encoding: DW_ATE_signed)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22]}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22]}]}"}
!2 = !{!"lib"}
!3 = !{!"kernel"}
