; bulkhead-dss's escape rule for atomics: only the value an atomicrmw or a
; cmpxchg writes carries a pointer away.  As the address operand the object is
; read and written in place, like a load or a store to it, so an atomically
; incremented global stays in its compartment under shared_globals = "escape"
; (it used to be shared as "converted to an integer or stored atomically"), and
; so does an atomically updated local under private stacks; a pointer written
; atomically into memory is shared (global) or moved (local).  Found by
; tests/differential/overshare.py, the harness's over-sharing check.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @counter = global i64 1, section ".bh.c0.data"
@counter = global i64 1, !bulkhead.component !1
; CHECK: @cas = global i64 2, section ".bh.c0.data"
@cas = global i64 2, !bulkhead.component !1
; CHECK: @handed = global i64 3, section ".bh.shared.data"
@handed = global i64 3, !bulkhead.component !1
; CHECK: @swapped = global i64 4, section ".bh.shared.data"
@swapped = global i64 4, !bulkhead.component !1
; CHECK: @slot = global ptr null, !bulkhead.component !{{[0-9]+}} #
@slot = global ptr null, !bulkhead.component !1

; CHECK-LABEL: define void @app()
define void @app() !bulkhead.component !1 {
; CHECK: %home = alloca i64
; CHECK-NOT: %home.dss
; CHECK: %away = alloca i64
; CHECK-NEXT: ptrtoint ptr %away
  %home = alloca i64
  %away = alloca i64
  %a = atomicrmw add ptr @counter, i64 1 seq_cst
  %b = cmpxchg ptr @cas, i64 2, i64 5 seq_cst seq_cst
  %c = atomicrmw add ptr %home, i64 1 seq_cst
  %d = atomicrmw xchg ptr @slot, ptr @handed seq_cst
  %e = cmpxchg ptr @slot, ptr null, ptr @swapped seq_cst seq_cst
  %f = atomicrmw xchg ptr @slot, ptr %away seq_cst
  ret void
}

; CHECK: \22name\22:\22handed\22,\22reason\22:\22stored atomically\22
; CHECK-SAME: \22name\22:\22swapped\22,\22reason\22:\22stored atomically\22
; CHECK-NOT: \22name\22:\22counter\22
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22escape\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"app"}
