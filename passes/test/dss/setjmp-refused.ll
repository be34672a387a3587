; setjmp/longjmp (docs/design.md 5f): a jmp_buf on the stack that may reach
; another compartment is refused at link time, naming the function, the line,
; the compartment and why it leaves.  With no gates (backend none) nothing is
; refused and no check is put before longjmp.
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-dss -disable-output %s 2>&1 | FileCheck %s
; RUN: sed 's/gate_template\\22: \\22nop\\22/gate_template\\22: null/' %s | opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S | FileCheck %s --check-prefix=NONE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: error: bulkhead: 'protect' (app.c:7) in compartment main calls setjmp with a jmp_buf that may reach another compartment (passed to 'lib_raise' in compartment 1): a longjmp across compartments is not supported; keep the jmp_buf, setjmp and longjmp in one compartment (docs/design.md 5f)
; NONE-LABEL: define i32 @protect()
; NONE-NOT: bh_longjmp_check
define i32 @protect() !bulkhead.component !1 !dbg !10 {
  %env = alloca [8 x i64]
  %r = call i32 @setjmp(ptr %env) #0, !dbg !13
  %again = icmp ne i32 %r, 0
  br i1 %again, label %caught, label %first
first:
  call void @lib_raise(ptr %env)
  unreachable
caught:
  ret i32 1
}

define void @lib_raise(ptr %env) !bulkhead.component !2 {
  call void @longjmp(ptr %env, i32 1) #1
  unreachable
}

declare i32 @setjmp(ptr) #0
declare void @longjmp(ptr, i32) #1

attributes #0 = { returns_twice }
attributes #1 = { noreturn }

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !DIFile(filename: "app.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "protect", scope: !11, file: !11, line: 5, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!13 = !DILocation(line: 7, column: 7, scope: !10)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22nop\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22]}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22]}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
