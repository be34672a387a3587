; An indirect call that bulkhead-icall cannot split into direct calls (here a
; musttail call) and that may reach an address-taken function of another
; compartment (same function type) is refused, naming the site and candidates.
; Candidates of another type or of the caller's own compartment are not named.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s

; CHECK: error: bulkhead: indirect call in 'main' (app/main.c:7): may reach 'vault_cb' (compartment 1); bulkhead-icall cannot split this indirect call (musttail, invoke or callbr) into gated direct calls
; CHECK-NOT: app_cb
; CHECK-NOT: vault_other

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@vault_ops = global [2 x ptr] [ptr @vault_cb, ptr @vault_other], !bulkhead.component !2
@app_ops = global ptr @app_cb, !bulkhead.component !1

; app reads vault's table: vault_cb's address reaches compartment main.
define ptr @app_peek() !bulkhead.component !1 {
  %p = load ptr, ptr @vault_ops
  ret ptr %p
}

define i32 @vault_cb(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}

define void @vault_other(ptr %x) !bulkhead.component !2 {
  ret void
}

define i32 @app_cb(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}

define i32 @main(i32 %x) !dbg !10 !bulkhead.component !1 {
  %fp = load ptr, ptr @app_ops
  %r = musttail call i32 %fp(i32 %x), !dbg !13
  ret i32 %r
}

!llvm.dbg.cu = !{!20}
!llvm.module.flags = !{!21}
!20 = distinct !DICompileUnit(language: DW_LANG_C11, file: !11, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!21 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "main", scope: !11, file: !11, line: 5, type: !12, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !20)
!11 = !DIFile(filename: "app/main.c", directory: "/src")
!12 = !DISubroutineType(types: !{})
!13 = !DILocation(line: 7, column: 10, scope: !10)
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
