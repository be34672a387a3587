; Refusals name the call site's file:line from its debug location, and every
; refusal is reported before the link fails.  (musttail calls of a variadic
; function: a marshalling thunk cannot take their place.)
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s

; CHECK: error: bulkhead: cannot gate the call from 'main' to 'vault_log' (app/main.c:12): the callee is variadic
; CHECK-NEXT: bulkhead: cannot gate the call from 'main2' to 'vault_log' (app/main.c:14): the callee is variadic

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i32 @main(ptr %fmt, ...) !dbg !10 !bulkhead.component !1 {
  %a = musttail call i32 (ptr, ...) @vault_log(ptr %fmt, ...), !dbg !13
  ret i32 %a
}

define i32 @main2(ptr %fmt, ...) !dbg !15 !bulkhead.component !1 {
  %b = musttail call i32 (ptr, ...) @vault_log(ptr %fmt, ...), !dbg !14
  ret i32 %b
}

define i32 @vault_log(ptr %fmt, ...) !bulkhead.component !2 {
  ret i32 0
}

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "main", scope: !11, file: !11, line: 10, type: !12, scopeLine: 10, spFlags: DISPFlagDefinition, unit: !20)
!11 = !DIFile(filename: "app/main.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!13 = !DILocation(line: 12, column: 3, scope: !10)
!15 = distinct !DISubprogram(name: "main2", scope: !11, file: !11, line: 13, type: !12, scopeLine: 13, spFlags: DISPFlagDefinition, unit: !20)
!14 = !DILocation(line: 14, column: 3, scope: !15)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
