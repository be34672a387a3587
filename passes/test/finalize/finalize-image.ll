; bulkhead-finalize emits __bh_image (layouts: abi/abi.toml; version: the ABI
; version), the compartment, component and symbol tables, the names, the
; marker, and a reference to the kernel's ABI symbol, all in .bh.meta and kept
; by llvm.used.  A kernel declaration of __bh_image is replaced by the definition.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition,bulkhead-finalize -S %t.ll | FileCheck %s -DABI_VERSION=%abi-version -DABI_SYMBOL=%abi-symbol

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

%struct.bh_image = type opaque
@__bh_image = external constant %struct.bh_image
@vault_secret = global i64 42, !bulkhead.component !2

; CHECK-DAG: @__bh_compartments = internal constant [2 x { ptr, i32, i32, { ptr, ptr }, { ptr, ptr }, { ptr, ptr }, { ptr, ptr }, { ptr, ptr } }] [{ ptr, i32, i32, { ptr, ptr }, { ptr, ptr }, { ptr, ptr }, { ptr, ptr }, { ptr, ptr } } { ptr @[[MAIN:__bh_name[.0-9]*]], i32 1, i32 -13, { ptr, ptr } { ptr @__bh_c0_text_start, ptr @__bh_c0_text_end }, { ptr, ptr } { ptr @__bh_c0_rodata_start, ptr @__bh_c0_rodata_end }, { ptr, ptr } { ptr @__bh_c0_data_start, ptr @__bh_c0_data_end }, { ptr, ptr } { ptr @__bh_c0_bss_start, ptr @__bh_c0_bss_end }, { ptr, ptr } { ptr @__bh_c0_heap_start, ptr @__bh_c0_heap_end } }, { ptr, i32, i32, { ptr, ptr }, { ptr, ptr }, { ptr, ptr }, { ptr, ptr }, { ptr, ptr } } { ptr @{{.*}}, i32 2, i32 -49, { ptr, ptr } { ptr @__bh_c1_text_start, ptr @__bh_c1_text_end }, {{.*}} }], section ".bh.meta", align 8
; CHECK-DAG: @[[MAIN]] = private constant [5 x i8] c"main\00", section ".bh.meta", align 1
; CHECK-DAG: @__bh_c1_bss_end = external dso_local global i8
; CHECK-DAG: @__bh_components = internal constant [3 x ptr] [ptr @[[KERNEL:__bh_name[.0-9]*]], ptr @[[APP:__bh_name[.0-9]*]], ptr @[[VAULT:__bh_name[.0-9]*]]], section ".bh.meta"
; CHECK-DAG: @[[KERNEL]] = private constant [7 x i8] c"kernel\00"
; CHECK-DAG: @[[APP]] = private constant [4 x i8] c"app\00"
; CHECK-DAG: @[[VAULT]] = private constant [6 x i8] c"vault\00"
; Symbols: functions (kind 1, size 0), the gate (kind 3, component and
; compartment 0xffff), objects (kind 2, DataLayout size).
; CHECK-DAG: @__bh_symbols = internal constant [4 x { ptr, i64, ptr, i16, i16, i32 }] [{ ptr, i64, ptr, i16, i16, i32 } { ptr @main, i64 0, ptr @{{.*}}, i16 1, i16 0, i32 1 }, { ptr, i64, ptr, i16, i16, i32 } { ptr @vault_get, i64 0, ptr @{{.*}}, i16 2, i16 1, i32 1 }, { ptr, i64, ptr, i16, i16, i32 } { ptr @__bh_gate_c0_vault_get, i64 0, ptr @{{.*}}, i16 -1, i16 -1, i32 3 }, { ptr, i64, ptr, i16, i16, i32 } { ptr @vault_secret, i64 8, ptr @{{.*}}, i16 2, i16 1, i32 2 }], section ".bh.meta", align 8
; image: the ABI version, 2 compartments, 3 components, 4 symbols, kernel in 0, shared key 15
; CHECK-DAG: @__bh_image = dso_local constant { i32, i32, i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr } { i32 [[ABI_VERSION]], i32 2, i32 3, i32 4, i32 0, i32 15, ptr @{{.*}}, ptr @{{.*}}, ptr @__bh_compartments, ptr @__bh_components, ptr @__bh_symbols }, section ".bh.meta", align 8
; CHECK-DAG: @__bulkhead_pass_ran = dso_local constant i32 1, section ".bh.meta"
; CHECK-DAG: @[[ABI_SYMBOL]] = external dso_local global i8
; CHECK-DAG: @__bh_abi_ref = internal constant ptr @[[ABI_SYMBOL]], section ".bh.meta"
; CHECK-DAG: @llvm.used = appending global [6 x ptr] [ptr @__bh_image, ptr @__bulkhead_pass_ran, ptr @__bh_compartments, ptr @__bh_components, ptr @__bh_symbols, ptr @__bh_abi_ref], section "llvm.metadata"

; CHECK-LABEL: define i32 @main()
define i32 @main() !bulkhead.component !1 {
; CHECK: %p = load i32, ptr @__bh_image
  %p = load i32, ptr @__bh_image
  %a = call i32 @vault_get(i32 %p)
  ret i32 %a
}

define i32 @vault_get(i32 %x) !bulkhead.component !2 {
  %s = load i64, ptr @vault_secret
  ret i32 %x
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
