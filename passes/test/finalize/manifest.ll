; The finalize step writes the manifest (config "manifest"): compartments
; with their final placement, gates, shared globals, neutral functions, stats.
; RUN: %with-gates %s | sed 's|@MANIFEST@|%t.json|' > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes='lto<O2>' -disable-output %t.ll
; RUN: FileCheck %s < %t.json

; CHECK: "backend": "mpk",
; CHECK: "compartments": [
; CHECK: "functions": [
; CHECK-NEXT: "main"
; CHECK: "globals": [
; CHECK-NEXT: "app_counter"
; CHECK: "name": "main",
; CHECK: "functions": [
; CHECK-NEXT: "vault_get"
; CHECK: "key": 2,
; CHECK: "name": "vault",
; CHECK: "gates": [
; CHECK-NEXT: {
; CHECK-NEXT: "callee": "vault_get",
; CHECK-NEXT: "caller": "main",
; CHECK-NEXT: "from": 0,
; CHECK-NEXT: "site": "",
; CHECK-NEXT: "stub": "__bh_gate_c0_vault_get",
; CHECK-NEXT: "to": 1
; CHECK: "name": "t",
; CHECK: "neutral": [
; CHECK: "name": "bh_strlen",
; CHECK-NEXT: "section": ".bh.shared.text"
; CHECK: "shared_globals": [
; CHECK: "name": "vault_shared",
; CHECK-NEXT: "section": ".bh.shared.bss",
; CHECK: "stats": {
; CHECK: "gates": 1,
; CHECK: "symbols": [
; A global gets the shares entry that would share it and where it is defined
; (debug info: the source name of a static LTO renamed), for the fault
; reports' advice (scripts/bulkhead/advice.py).
; CHECK: "name": "counter.7",
; CHECK-NEXT: "section": "{{[^"]*}}",
; CHECK-NEXT: "share": "log.c:counter",
; CHECK-NEXT: "site": "lib/log.c:7",

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@app_counter = global i32 0, !bulkhead.component !1
@vault_shared = global i32 0, !bulkhead.component !2
@counter.7 = internal global i32 5, !dbg !20, !bulkhead.component !2

define i32 @main() !bulkhead.component !1 {
  %a = call i32 @vault_get(i32 1)
  %c = load volatile i32, ptr @app_counter
  %s = load volatile i32, ptr @vault_shared
  %n = call i64 @bh_strlen(ptr null)
  ret i32 %a
}

define i32 @vault_get(i32 %x) noinline !bulkhead.component !2 {
  store volatile i32 %x, ptr @vault_shared
  store volatile i32 %x, ptr @counter.7
  ret i32 %x
}

define i64 @bh_strlen(ptr %s) noinline !bulkhead.component !3 {
  ret i64 0
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [\22bh_strlen\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}], \22manifest\22: \22@MANIFEST@\22}"}
!llvm.dbg.cu = !{!21}
!llvm.module.flags = !{!26, !27}
!20 = !DIGlobalVariableExpression(var: !22, expr: !DIExpression())
!21 = distinct !DICompileUnit(language: DW_LANG_C11, file: !23, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, globals: !24)
!22 = distinct !DIGlobalVariable(name: "counter", scope: !21, file: !23, line: 7, type: !25, isLocal: true, isDefinition: true)
!23 = !DIFile(filename: "lib/log.c", directory: "/src")
!24 = !{!20}
!25 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!26 = !{i32 2, !"Debug Info Version", i32 3}
!27 = !{i32 7, !"Dwarf Version", i32 5}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
