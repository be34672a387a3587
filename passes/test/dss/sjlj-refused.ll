; __builtin_setjmp/__builtin_longjmp (llvm.eh.sjlj.*) have no library call the
; kernel could check (setjmp/longjmp get bh_longjmp_check), so every crossing
; the pass sees is refused at link time, naming the function, file:line, the
; compartment and what to do: a local buffer passed to another compartment, a
; global buffer used by two compartments, and a longjmp through a buffer that
; another compartment's setjmp fills.  A buffer kept in one compartment is
; fine.  With no gates (backend none) nothing is refused.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-dss -disable-output %t.ll 2>&1 | FileCheck %s
; RUN: sed 's/gate_template\\22: \\22@gates[^\\]*\\22/gate_template\\22: null/' %s | opt -load-pass-plugin=%plugin -passes=bulkhead-dss -disable-output 2>&1 | FileCheck %s --check-prefix=NONE --allow-empty

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: error: bulkhead: 'protect' (app.c:7) in compartment main calls __builtin_setjmp with a buffer that may reach another compartment (passed to 'lib_raise' in compartment 1): __builtin_setjmp/__builtin_longjmp across compartments is not supported (the jump would skip the gates between them); keep the buffer, __builtin_setjmp and __builtin_longjmp in one compartment, or use setjmp/longjmp (docs/design.md 5f)
; CHECK-NEXT: bulkhead: 'catcher' (app.c:21) in compartment main calls __builtin_setjmp with a buffer that may reach another compartment (global 'gbuf' is used by 'thrower' in compartment lib): {{.*}}keep the buffer
; CHECK-NEXT: bulkhead: 'lib_raise' (lib.c:3) in compartment lib calls __builtin_longjmp with a buffer that 'protect' in compartment main may fill with __builtin_setjmp: {{.*}}keep the buffer
; CHECK-NEXT: bulkhead: 'thrower' (lib.c:9) in compartment lib calls __builtin_longjmp with a buffer that 'catcher' in compartment main fills with __builtin_setjmp: {{.*}}keep the buffer
; CHECK-NOT: 'home'
; CHECK-NOT: 'home_raise'
; NONE-NOT: error

@gbuf = global [5 x ptr] zeroinitializer, !bulkhead.component !1

define i32 @protect() !bulkhead.component !1 !dbg !10 {
  %env = alloca [5 x ptr], align 16
  %r = call i32 @llvm.eh.sjlj.setjmp(ptr %env), !dbg !13
  %again = icmp ne i32 %r, 0
  br i1 %again, label %caught, label %first
first:
  call void @lib_raise(ptr %env), !dbg !13
  ret i32 0
caught:
  ret i32 1
}

define void @lib_raise(ptr %env) !bulkhead.component !2 !dbg !30 {
  call void @llvm.eh.sjlj.longjmp(ptr %env), !dbg !33
  unreachable
}

define i32 @catcher() !bulkhead.component !1 !dbg !14 {
  %r = call i32 @llvm.eh.sjlj.setjmp(ptr @gbuf), !dbg !15
  ret i32 %r
}

define void @thrower() !bulkhead.component !2 !dbg !34 {
  call void @llvm.eh.sjlj.longjmp(ptr @gbuf), !dbg !35
  unreachable
}

; The buffer stays in compartment main: setjmp and longjmp there.
define i32 @home() !bulkhead.component !1 {
  %env = alloca [5 x ptr], align 16
  %r = call i32 @llvm.eh.sjlj.setjmp(ptr %env)
  %again = icmp ne i32 %r, 0
  br i1 %again, label %caught, label %first
first:
  call void @home_raise(ptr %env)
  ret i32 0
caught:
  ret i32 1
}

define void @home_raise(ptr %env) !bulkhead.component !1 {
  call void @llvm.eh.sjlj.longjmp(ptr %env)
  unreachable
}

declare i32 @llvm.eh.sjlj.setjmp(ptr)
declare void @llvm.eh.sjlj.longjmp(ptr)

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21, !22}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!22 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !DIFile(filename: "app.c", directory: "/src")
!31 = !DIFile(filename: "lib.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "protect", scope: !11, file: !11, line: 5, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!13 = !DILocation(line: 7, column: 7, scope: !10)
!14 = distinct !DISubprogram(name: "catcher", scope: !11, file: !11, line: 20, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!15 = !DILocation(line: 21, column: 7, scope: !14)
!30 = distinct !DISubprogram(name: "lib_raise", scope: !31, file: !31, line: 2, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!33 = !DILocation(line: 3, column: 3, scope: !30)
!34 = distinct !DISubprogram(name: "thrower", scope: !31, file: !31, line: 8, type: !12, unit: !20, spFlags: DISPFlagDefinition)
!35 = !DILocation(line: 9, column: 3, scope: !34)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22]}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22]}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
