; bulkhead-icall: an indirect call becomes one compare and direct call per
; legal entry of another compartment (an address-taken function of the call's
; type whose address reaches the caller's compartment: here vault_ops, which
; app_peek reads), which bulkhead-partition gates like any crossing; any other target is
; checked against the caller's own text and the shared text past the gates
; before the call,
; else __bh_icall_violation.  Functions of another type, of the caller's own
; compartment or never address-taken are not entries, nor is one whose address
; stays in its compartment (vault_private_cb: in a table only vault code reads)
; or a function of a system component (the kernel's kernel_marker).  A second run changes
; nothing.  The manifest report lists each site and its entries.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-icall,bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@vault_ops = global [2 x ptr] [ptr @vault_cb, ptr @vault_other], !bulkhead.component !2
@app_ops = global ptr @app_cb, !bulkhead.component !1
@vault_private = internal global [1 x ptr] [ptr @vault_private_cb], !bulkhead.component !2
@kernel_marks = global ptr @kernel_marker, !bulkhead.component !3

define ptr @app_peek() !bulkhead.component !1 {
  %p = load ptr, ptr @vault_ops
  %k = load ptr, ptr @kernel_marks
  ret ptr %p
}

define i32 @vault_private_cb(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}

define i32 @vault_use(i32 %x) !bulkhead.component !2 {
  %fp = load ptr, ptr @vault_private
  %r = call i32 %fp(i32 %x)
  ret i32 %r
}

define i32 @kernel_marker(i32 %x) !bulkhead.component !3 {
  ret i32 %x
}

define i32 @vault_cb(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}

define void @vault_other(ptr %x) !bulkhead.component !2 {
  ret void
}

define i32 @vault_hidden(i32 %x) !bulkhead.component !2 {
  ret i32 %x
}

define i32 @app_cb(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}

; CHECK-LABEL: define i32 @main(ptr %fp)
; CHECK: [[EQ:%.*]] = icmp eq ptr %fp, @vault_cb
; CHECK-NEXT: br i1 [[EQ]], label %[[DIRECT:.*]], label %[[INDIRECT:.*]]
; CHECK: [[DIRECT]]:
; CHECK-NEXT: call i32 @__bh_gate_c0_vault_cb(i32 1){{.*}}!bulkhead.icall
; The check's data flow, not only its parts: both range compares feed the OR,
; its negation is the branch condition, and the branch's taken side is the
; violation call (a check made always true would leave a constant there).
; CHECK: [[INDIRECT]]:
; CHECK-NEXT: %bh.target = ptrtoint ptr %fp to i64
; CHECK-NEXT: [[D1:%.*]] = sub i64 %bh.target, ptrtoint (ptr @__bh_c0_text_start to i64)
; CHECK-NEXT: [[IN1:%.*]] = icmp ult i64 [[D1]], sub (i64 ptrtoint (ptr @__bh_c0_text_end to i64), i64 ptrtoint (ptr @__bh_c0_text_start to i64))
; CHECK-NEXT: [[D2:%.*]] = sub i64 %bh.target, ptrtoint (ptr @__bh_gates_end to i64)
; CHECK-NEXT: [[IN2:%.*]] = icmp ult i64 [[D2]], sub (i64 ptrtoint (ptr @__bh_shared_text_end to i64), i64 ptrtoint (ptr @__bh_gates_end to i64))
; CHECK-NEXT: %bh.target.ok = or i1 [[IN1]], [[IN2]]
; CHECK-NEXT: [[BAD:%.*]] = xor i1 %bh.target.ok, true
; CHECK-NEXT: br i1 [[BAD]], label %[[VIOL:.*]], label %[[CALL:.*]]
; CHECK-EMPTY:
; CHECK-NEXT: [[VIOL]]:
; CHECK-NEXT: call void @__bh_icall_violation(ptr %fp)
; CHECK-NEXT: unreachable
; CHECK-EMPTY:
; CHECK-NEXT: [[CALL]]:
; CHECK-NEXT: %r = call i32 %fp(i32 1){{.*}}!bulkhead.icall
; CHECK-NOT: @vault_hidden
; CHECK-NOT: icmp eq ptr %fp, @app_cb
; CHECK-NOT: icmp eq ptr %fp, @vault_private_cb
; CHECK-NOT: icmp eq ptr %fp, @kernel_marker
define i32 @main(ptr %fp) !bulkhead.component !1 {
  %r = call i32 %fp(i32 1)
  ret i32 %r
}

; CHECK: declare dso_local void @__bh_icall_violation(ptr) #[[NR:[0-9]+]]
; CHECK: attributes #[[NR]] = { noreturn nounwind }
; CHECK: !bulkhead.icall = !{![[I:[0-9]+]]}
; CHECK: ![[I]] = !{!"{\22callback_entries\22:[{\22compartment\22:1,\22name\22:\22vault_cb\22,\22reason\22:\22global 'vault_ops' holding it is used by 'app_peek' of compartment main\22},{{.*}}\22confined_functions\22:[{\22compartment\22:1,\22name\22:\22vault_private_cb\22,\22reason\22:\22its address stays in its compartment\22},{\22compartment\22:0,\22name\22:\22kernel_marker\22,\22reason\22:\22a function of a system component\22},{{.*}}\22indirect_calls\22:[{{.*}}{\22caller\22:\22main\22,\22checked\22:true,\22compartment\22:0,\22entries\22:[\22vault_cb\22],\22site\22:
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
