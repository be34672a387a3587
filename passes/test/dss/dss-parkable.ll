; bulkhead-dss, [threads] dss = "owner": which compartments only *lend* the
; stack data they put on the data shadow stack (no copy of its address may
; outlive the call it is passed to), written into the kernel's
; bh_dss_parkable (bit c).  Compartment 0 lends a local to a callee that only
; writes through it, to one that passes it on to a function that keeps
; nothing, and returns the address of a local (dangling: its frame is gone):
; parked.  Compartment 1 lends one local and hands another to a function that
; stores it (kept): not parked, and the manifest says why.  Compartment 2 hands
; a local to a function defined outside the module that does not say
; nocapture (kept).  Compartment 3 hands one to a declaration that says
; nocapture (nothing leaves: not even moved), so it has nothing to park.
; Compartment 4 keeps one local home and stores the address of another after
; llvm.ptrmask and a freeze (followed like address arithmetic): moved, kept.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %t.ll | FileCheck %s
; A module without the kernel's variable (these lit tests, an image without threads) is fine:
; RUN: sed -e '/^@bh_dss_parkable/d' %t.ll | opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S | FileCheck %s --check-prefix=NOKERNEL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @bh_dss_parkable = global i64 1
; NOKERNEL-NOT: bh_dss_parkable
@bh_dss_parkable = global i64 -1, !bulkhead.component !5
@keep = global ptr null, !bulkhead.component !2

define void @lender() !bulkhead.component !1 {
  %a = alloca i32
  %b = alloca i32
  call void @fill(ptr %a)
  call void @relay(ptr %b)
  ret void
}

define ptr @dangling() !bulkhead.component !1 {
  %d = alloca i32
  call void @fill(ptr %d)
  ret ptr %d
}

define void @keeper_side() !bulkhead.component !2 {
  %x = alloca i32
  %y = alloca i32
  call void @fill0(ptr %x)
  call void @stash(ptr %y)
  ret void
}

define void @outside_side() !bulkhead.component !3 {
  %z = alloca i32
  call void @asm_keeps(ptr %z)
  ret void
}

define void @nocapture_side() !bulkhead.component !4 {
  %w = alloca i32
  call void @asm_reads(ptr %w)
  ret void
}

define void @quiet() !bulkhead.component !6 {
  %q = alloca i32
  store i32 0, ptr %q
  %r = alloca i64
  %m = call ptr @llvm.ptrmask.p0.i64(ptr %r, i64 -8)
  %f = freeze ptr %m
  store ptr %f, ptr @keep
  ret void
}

declare ptr @llvm.ptrmask.p0.i64(ptr, i64)

; Compartment 5 (lib): writes through its parameter, passes it on, or keeps it.
define void @fill(ptr %p) !bulkhead.component !7 {
  store i32 1, ptr %p
  ret void
}

define void @fill0(ptr %p) !bulkhead.component !7 {
  store i32 0, ptr %p
  ret void
}

define void @relay(ptr %p) !bulkhead.component !7 {
  call void @fill(ptr %p)
  ret void
}

define void @stash(ptr %p) !bulkhead.component !7 {
  call void @stash2(ptr %p)
  ret void
}

define void @stash2(ptr %p) !bulkhead.component !7 {
  store ptr %p, ptr @keep
  ret void
}

declare void @asm_keeps(ptr)
declare void @asm_reads(ptr nocapture)

; CHECK: !bulkhead.dss = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{{.*}}\22function\22:\22lender\22,\22kept\22:\22\22{{.*}}\22function\22:\22lender\22,\22kept\22:\22\22{{.*}}\22function\22:\22dangling\22,\22kept\22:\22\22{{.*}}\22function\22:\22keeper_side\22,\22kept\22:\22\22{{.*}}\22function\22:\22keeper_side\22,\22kept\22:\22passed to 'stash', which keeps argument 0 (passed to 'stash2', which keeps argument 0 (stored to memory))\22{{.*}}\22function\22:\22outside_side\22,\22kept\22:\22passed to 'asm_keeps', defined outside the LTO module\22{{.*}}\22function\22:\22quiet\22,\22kept\22:\22stored to memory\22
; CHECK-NOT: nocapture_side
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22lender\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22lender\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22keeper\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22keeper\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22outside\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967295, \22components\22: [\22outside\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22nocap\22, \22index\22: 3, \22key\22: 4, \22pkru\22: 4294967295, \22components\22: [\22nocap\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22quiet\22, \22index\22: 4, \22key\22: 5, \22pkru\22: 4294967295, \22components\22: [\22quiet\22, \22kernel\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22lib\22, \22index\22: 5, \22key\22: 6, \22pkru\22: 4294967295, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}]}"}
!1 = !{!"lender"}
!2 = !{!"keeper"}
!3 = !{!"outside"}
!4 = !{!"nocap"}
!5 = !{!"kernel"}
!6 = !{!"quiet"}
!7 = !{!"lib"}
