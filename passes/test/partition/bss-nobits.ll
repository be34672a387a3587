; Zero-initialized writable globals land in SHT_NOBITS .bh.c<i>.bss (and
; .bh.shared.bss when shared), initialized ones in PROGBITS .bh.c<i>.data.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -filetype=obj -data-sections -o %t.o %t.bc
; RUN: llvm-readelf -S %t.o | FileCheck %s
; RUN: llc -o - %t.bc | FileCheck %s --check-prefix=ASM

; CHECK-DAG: .bh.c0.bss NOBITS
; CHECK-DAG: .bh.c1.bss NOBITS
; CHECK-DAG: .bh.shared.bss NOBITS
; CHECK-DAG: .bh.c0.data PROGBITS
; ASM-DAG: .section .bh.c1.bss,"aw",@nobits
; ASM-DAG: .section .bh.c0.data,"aw",@progbits

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@app_zero = global [64 x i8] zeroinitializer, !bulkhead.component !1
@app_init = global i32 3, !bulkhead.component !1
@vault_zero = global i64 0, !bulkhead.component !2
@vault_shared = global i32 0, !bulkhead.component !2

define i32 @main() !bulkhead.component !1 {
  %a = load i32, ptr @app_init
  %b = load i8, ptr @app_zero
  %c = load i32, ptr @vault_shared
  ret i32 %a
}

define i64 @vault_get() !bulkhead.component !2 {
  %a = load i64, ptr @vault_zero
  ret i64 %a
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
