; No escape from placement by assembly: inline assembly of a component's
; function, and its file-scope assembly (which bulkhead-tag records in
; !bulkhead.asm because the LTO link merges it into one string), may not
; name a function or global of another compartment: an error naming the
; function, file:line, the symbol and its compartment.  Its own compartment's
; symbols, neutral functions, globals the kernel placed in the shared region
; and the linker script's region symbols may be named.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s
; bulkhead-tag records file-scope assembly with its component and file.
; RUN: opt -load-pass-plugin=%plugin '-passes=bulkhead-tag<thief>' -S %s | FileCheck %s --check-prefix=TAG

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

module asm ".globl thief_grab"

; CHECK: error: bulkhead: function 'thief_steal' (thief.c:9) of component 'thief' (compartment untrusted) names 'victim_reveal' of compartment vault in inline assembly: assembly of a component may name only symbols of its own compartment, neutral functions and the shared region; reach it from C (a call goes through a gate, a global is shared by policy)
; CHECK-NEXT: bulkhead: function 'thief_steal' (thief.c:10) of component 'thief' (compartment untrusted) names 'victim_secret' of compartment vault in inline assembly
; CHECK-NEXT: bulkhead: file-scope assembly of component 'thief' (thief.c) switches to a .bh.* section ('.pushsection .bh.gates,"ax"'): only system components (kernel) may place code or data in .bh.* sections; remove the directive
; CHECK-NEXT: bulkhead: file-scope assembly of component 'thief' (thief.c) names 'victim_secret' of compartment vault in 'thief_grab: movq victim_secret(%rip), %rax': assembly of a component may name only
; CHECK-NEXT: bulkhead: file-scope assembly of component 'thief' (thief.c) names 'victim_secret' of compartment vault in 'movq victim_secret(%rip), %rax':
; CHECK-NOT: thief_own
; CHECK-NOT: bh_memcpy
; CHECK-NOT: bh_probe_table
; CHECK-NOT: __bh_c1_stack_top
; TAG: !bulkhead.asm = !{!{{[0-9]+}}, ![[A:[0-9]+]]}
; TAG: ![[A]] = !{!"thief", !"{{.*}}confine-asm.ll", !".globl thief_grab\0A"}

@victim_secret = global [32 x i8] zeroinitializer, !bulkhead.component !2
@thief_own = global i64 0, !bulkhead.component !1
@bh_probe_table = global [4 x i64] zeroinitializer, section ".bh.shared.data", !bulkhead.component !3

define i32 @victim_reveal() !bulkhead.component !2 {
  ret i32 42
}

define void @bh_memcpy() !bulkhead.component !3 {
  ret void
}

define i64 @thief_steal() !bulkhead.component !1 !dbg !10 {
  %fn = call ptr asm sideeffect "leaq victim_reveal(%rip), $0", "=r"(), !dbg !13
  %s = call i64 asm sideeffect "movq victim_secret+8(%rip), $0", "=r"(), !dbg !14
  %o = call i64 asm sideeffect "movq thief_own(%rip), $0; call bh_memcpy; movq bh_probe_table(%rip), %rax; movabsq $$__bh_c1_stack_top, %rax", "=r"(), !dbg !14
  ret i64 %s
}

!bulkhead.asm = !{!40}
!40 = !{!"thief", !"thief.c", !".globl thief_grab\0A.pushsection .bh.gates,\22ax\22\0Athief_grab: movq victim_secret(%rip), %rax\0A  movq victim_secret(%rip), %rax\0A.popsection"}
!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !DIFile(filename: "thief.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "thief_steal", scope: !11, file: !11, line: 8, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!13 = !DILocation(line: 9, column: 3, scope: !10)
!14 = !DILocation(line: 10, column: 3, scope: !10)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [\22bh_memcpy\22], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}, {\22name\22: \22untrusted\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22thief\22]}]}"}
!1 = !{!"thief"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
