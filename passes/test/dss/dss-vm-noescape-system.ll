; bulkhead-dss under backend vm (fact "dss" without "gate_slots"): every
; machine's stack is its own.  A local handed to assembly declared noescape
; (a nocapture parameter: backend vm's bh_vm_invoke and bh_vm_switch) stays on
; the machine's own stack; handed to assembly without it, it moves.  Code of a
; system component runs in every machine, on that machine's stacks: it
; subtracts the word __bh_system_dss_delta (set per machine) instead of its
; compartment's constant, which carries !absolute_symbol over the full range
; (backend vm's deltas are negative).
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @__bh_system_dss_delta = external dso_local global i64
; CHECK: @__bh_c1_dss_delta = external dso_local constant i8, !absolute_symbol ![[ALL:[0-9]+]]

declare void @invoke(ptr nocapture)
declare void @keep(ptr)

; CHECK-LABEL: define void @runtime()
define void @runtime() !bulkhead.component !1 {
; CHECK: %msg = alloca [208 x i8]
; CHECK-NEXT: %ctx = alloca [56 x i8]
; CHECK-NEXT: [[A:%.*]] = ptrtoint ptr %ctx to i64
; CHECK-NEXT: [[D:%.*]] = load i64, ptr @__bh_system_dss_delta
; CHECK-NEXT: [[S:%.*]] = sub i64 [[A]], [[D]]
; CHECK-NEXT: %ctx.dss = inttoptr i64 [[S]] to ptr
  %msg = alloca [208 x i8]
  %ctx = alloca [56 x i8]
; CHECK: call void @invoke(ptr %msg)
  call void @invoke(ptr %msg)
; CHECK: call void @keep(ptr %ctx.dss)
  call void @keep(ptr %ctx)
  ret void
}

; CHECK-LABEL: define void @app()
define void @app() !bulkhead.component !2 {
; CHECK: %buf = alloca [16 x i8]
; CHECK-NEXT: [[B:%.*]] = ptrtoint ptr %buf to i64
; CHECK-NEXT: [[E:%.*]] = sub i64 [[B]], ptrtoint (ptr @__bh_c1_dss_delta to i64)
  %buf = alloca [16 x i8]
  call void @keep(ptr %buf)
  ret void
}

; CHECK: ![[ALL]] = !{i64 -1, i64 -1}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22vm\22, \22gate_template\22: \22nop\22, \22shared_key\22: 0, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22core\22, \22index\22: 0, \22key\22: 0, \22pkru\22: 0, \22components\22: [\22kernel\22], \22options\22: {\22wake\22: \22exit\22}, \22dss\22: true, \22gate_slots\22: false}, {\22name\22: \22app\22, \22index\22: 1, \22key\22: 0, \22pkru\22: 0, \22components\22: [\22app\22], \22options\22: {\22wake\22: \22exit\22}, \22dss\22: true, \22gate_slots\22: false}]}"}
!1 = !{!"kernel"}
!2 = !{!"app"}
