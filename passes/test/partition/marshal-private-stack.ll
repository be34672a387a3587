; Marshalling (marshal-stack-args.ll) with private stacks: the callee cannot
; read the caller's stack, so the argument block and the byval copy live on
; the caller's data shadow stack (their address minus __bh_c0_dss_delta, like
; the locals bulkhead-dss moves), and are zeroed once the call returns.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -filetype=obj -o %t.o %t.bc

; CHECK-LABEL: define i64 @main(i64 %x)
; CHECK: %[[A:[0-9]+]] = ptrtoint ptr %bh.args to i64
; CHECK-NEXT: %[[S:[0-9]+]] = sub i64 %[[A]], ptrtoint (ptr @__bh_c0_dss_delta to i64)
; CHECK-NEXT: %bh.args.dss = inttoptr i64 %[[S]] to ptr
; CHECK: %bh.byval.dss = inttoptr
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %bh.byval.dss, ptr align 8 @app_big, i64 64, i1 false)
; CHECK: store ptr %bh.byval.dss, ptr
; CHECK: %r = call i64 @__bh_gate_c0___bh_marshal_vault_sum(ptr %bh.args.dss)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %bh.args.dss, i8 0, i64 64, i1 true)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 8 %bh.byval.dss, i8 0, i64 64, i1 true)
; CHECK-NEXT: ret i64 %r
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"
%struct.big = type { [8 x i64] }

@app_big = global %struct.big zeroinitializer, !bulkhead.component !1

define i64 @main(i64 %x) !bulkhead.component !1 {
  %r = call i64 @vault_sum(ptr byval(%struct.big) align 8 @app_big, i64 %x, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7), !dbg !10
  ret i64 %r
}

define i64 @vault_sum(ptr byval(%struct.big) align 8 %p, i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g) !bulkhead.component !2 {
  %v = load i64, ptr %p
  %s = add i64 %v, %g
  ret i64 %s
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!llvm.module.flags = !{!20}
!llvm.dbg.cu = !{!21}
!20 = !{i32 2, !"Debug Info Version", i32 3}
!21 = distinct !DICompileUnit(language: DW_LANG_C11, file: !22, emissionKind: LineTablesOnly)
!22 = !DIFile(filename: "app.c", directory: "/")
!23 = distinct !DISubprogram(name: "main", scope: !22, file: !22, line: 1, spFlags: DISPFlagDefinition, unit: !21)
!10 = !DILocation(line: 7, scope: !23)
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
