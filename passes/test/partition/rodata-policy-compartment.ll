; Policy rodata = "compartment": constants go to their compartment's
; .bh.c<i>.rodata (the default policy "shared" puts them in .bh.shared.rodata).
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll | FileCheck %s
; RUN: sed 's/\\22rodata\\22: \\22compartment\\22/\\22rodata\\22: \\22shared\\22/' %t.ll > %t.shared.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.shared.ll | FileCheck %s --check-prefix=SHARED

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @vault_key = constant [4 x i8] c"key\00", section ".bh.c1.rodata"
; SHARED: @vault_key = constant [4 x i8] c"key\00", section ".bh.shared.rodata"
@vault_key = constant [4 x i8] c"key\00", !bulkhead.component !2
; CHECK: @app_tab = constant [2 x i32] [i32 1, i32 2], section ".bh.c0.rodata"
; SHARED: @app_tab = constant [2 x i32] [i32 1, i32 2], section ".bh.shared.rodata"
@app_tab = constant [2 x i32] [i32 1, i32 2], !bulkhead.component !1

define i8 @vault_get() !bulkhead.component !2 {
  %a = load i8, ptr @vault_key
  ret i8 %a
}

define i32 @main() !bulkhead.component !1 {
  %a = load i32, ptr @app_tab
  ret i32 %a
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22compartment\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
