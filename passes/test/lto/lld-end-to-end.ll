; End to end through LLD: full LTO with the plugin loaded by the linker runs
; partition and finalize; the sections reach the object and the image, and the
; linker script's ASSERT on __bulkhead_pass_ran fails a link without the plugin.
; The image references the kernel's ABI symbol (__bh_abi_v<N>, abi/abi.toml): with no kernel here the
; link defines it, and without it (a kernel of another ABI version) the link fails.
; RUN: %with-gates %s > %t.ll
; RUN: llvm-as %t.ll -o %t.bc
; RUN: ld.lld --load-pass-plugin=%plugin -r %t.bc -o %t.r.o
; RUN: llvm-readelf -S %t.r.o | FileCheck %s --check-prefix=SECT
; RUN: llvm-nm %t.r.o | FileCheck %s --check-prefix=SYMS
; RUN: ld.lld --load-pass-plugin=%plugin -T %inputs/e2e.ld --defsym=%abi-symbol=%abi-version %t.bc -o %t.elf
; RUN: llvm-nm %t.elf | FileCheck %s --check-prefix=SYMS
; RUN: llvm-readelf -S %t.elf | FileCheck %s --check-prefix=SECT
; RUN: not ld.lld -T %inputs/e2e.ld %t.bc -o %t.noplugin.elf 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
; RUN: not ld.lld --load-pass-plugin=%plugin -T %inputs/e2e.ld %t.bc -o %t.noabi.elf 2>&1 | FileCheck %s --check-prefix=NOABI -DABI=%abi-symbol

; SECT-DAG: .bh.c0.text PROGBITS
; SECT-DAG: .bh.c1.text PROGBITS
; SECT-DAG: .bh.gates PROGBITS
; SECT-DAG: .bh.c1.bss NOBITS
; SECT-DAG: .bh.c0.data PROGBITS
; SECT-DAG: .bh.meta PROGBITS
; SYMS-DAG: {{[tT]}} __bh_gate_c0_vault_get
; SYMS-DAG: R __bh_image
; SYMS-DAG: R __bulkhead_pass_ran
; NOPLUGIN: bulkhead: the pass plugin did not run
; NOABI: error: undefined symbol: [[ABI]]
; NOABI: >>> {{.*}}(__bh_abi_ref)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@app_data = global i32 1, !bulkhead.component !1
@vault_zero = global i32 0, !bulkhead.component !2

define i32 @main() !bulkhead.component !1 {
  %d = load volatile i32, ptr @app_data
  %a = call i32 @vault_get(i32 %d)
  ret i32 %a
}

define i32 @vault_get(i32 %x) !bulkhead.component !2 {
  store volatile i32 %x, ptr @vault_zero
  ret i32 %x
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
