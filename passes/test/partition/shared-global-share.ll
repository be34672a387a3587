; Policy shared_globals = "share": a global of one compartment used by a
; function of another (directly, or through another global's initializer) moves
; to .bh.shared.{data,bss,rodata} and is reported.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @vault_counter = global i32 0, !bulkhead.component !{{[0-9]+}} #[[SBSS:[0-9]+]]
@vault_counter = global i32 0, !bulkhead.component !2
; CHECK: @vault_data = global i32 9, section ".bh.shared.data"
@vault_data = global i32 9, !bulkhead.component !2
; CHECK: @vault_table = constant [2 x i32] [i32 1, i32 2], section ".bh.shared.rodata"
@vault_table = constant [2 x i32] [i32 1, i32 2], !bulkhead.component !2
; CHECK: @vault_private = global i32 1, section ".bh.c1.data"
@vault_private = global i32 1, !bulkhead.component !2
; CHECK: @app_ptr = global ptr @vault_data, section ".bh.c0.data"
@app_ptr = global ptr @vault_data, !bulkhead.component !1

define i32 @main() !bulkhead.component !1 {
  %a = load i32, ptr @vault_counter
  %p = load ptr, ptr @app_ptr
  %b = load i32, ptr %p
  %t = getelementptr [2 x i32], ptr @vault_table, i32 0, i32 1
  %c = load i32, ptr %t
  ret i32 %a
}

define i32 @vault_get() !bulkhead.component !2 {
  %a = load i32, ptr @vault_counter
  %b = load i32, ptr @vault_private
  ret i32 %a
}

; CHECK: attributes #[[SBSS]] = { "bss-section"=".bh.shared.bss" "data-section"=".bh.shared.data" "relro-section"=".bh.shared.rodata" "rodata-section"=".bh.shared.rodata" }
; CHECK: !bulkhead.report = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{{.*}}\22shared_globals\22:[{\22compartment\22:1,\22component\22:\22vault\22,\22name\22:\22vault_counter\22,\22section\22:\22.bh.shared.bss\22,\22users\22:[\22main\22,\22vault_get\22]},{\22compartment\22:1,\22component\22:\22vault\22,\22name\22:\22vault_data\22,\22section\22:\22.bh.shared.data\22,\22users\22:[\22main\22]},{\22compartment\22:1,\22component\22:\22vault\22,\22name\22:\22vault_table\22,\22section\22:\22.bh.shared.rodata\22,\22users\22:[\22main\22]}]
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22compartment\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
