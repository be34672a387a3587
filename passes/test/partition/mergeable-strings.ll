; Mergeable strings (unnamed_addr C strings, i16 strings) share
; .bh.c<i>.rodata with ordinary constants: the backend gives each entry size its
; own ",unique," section of that name, so neither llc, the assembler nor LLD
; reports a section type/flags/entsize conflict, and LLD joins them.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -filetype=obj -o %t.o %t.bc
; RUN: llc -o %t.s %t.bc
; RUN: clang --target=x86_64-unknown-none-elf -c %t.s -o %t.s.o
; RUN: ld.lld -r %t.o -o %t.r.o
; RUN: llvm-readelf -S %t.r.o | FileCheck %s
; RUN: ld.lld -r %t.s.o -o %t.r2.o
; RUN: llvm-readelf -S %t.r2.o | FileCheck %s
; RUN: FileCheck %s --check-prefix=ASM < %t.s

; ASM-DAG: .section .bh.c1.rodata,"aMS",@progbits,1,unique,
; ASM-DAG: .section .bh.c1.rodata,"aMS",@progbits,2,unique,
; ASM-DAG: .section .bh.c1.rodata,"a",@progbits
; CHECK: .bh.c1.rodata PROGBITS
; CHECK-NOT: ] .bh.c1.rodata
; CHECK: .bh.c0.rodata PROGBITS

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@.str = private unnamed_addr constant [6 x i8] c"hello\00", align 1, !bulkhead.component !2
@.str.1 = private unnamed_addr constant [6 x i8] c"world\00", align 1, !bulkhead.component !2
@.wstr = private unnamed_addr constant [3 x i16] [i16 104, i16 105, i16 0], align 2, !bulkhead.component !2
@vault_tab = constant [2 x ptr] [ptr @.str, ptr @.str.1], !bulkhead.component !2
@app_str = private unnamed_addr constant [4 x i8] c"app\00", align 1, !bulkhead.component !1

define ptr @vault_get(i32 %i) !bulkhead.component !2 {
  %p = getelementptr [2 x ptr], ptr @vault_tab, i32 0, i32 %i
  %s = load ptr, ptr %p
  %w = load i16, ptr @.wstr
  ret ptr %s
}

define ptr @main() !bulkhead.component !1 {
  ret ptr @app_str
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22compartment\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
