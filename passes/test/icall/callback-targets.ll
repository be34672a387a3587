; Callback targets by compartment, not by type alone: an indirect call of
; compartment lib may reach a function of compartment app only if the
; function's address reaches code outside app -- passed to a crossing, returned
; by a function another compartment calls, taken in another compartment's
; code, stored where the pass cannot follow -- and never a function of a
; system component or bulkhead's own (__bh_*).  Everything else is left to the
; target check (__bh_icall_violation).  The manifest's callback_entries and
; confined_functions give each function and why.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-icall -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; lib calls through whatever pointer it gets.
; CHECK-LABEL: define i32 @lib_apply(ptr %fp, i32 %x)
; CHECK-DAG: icmp eq ptr %fp, @cb_arg
; CHECK-DAG: icmp eq ptr %fp, @cb_ret
; CHECK-DAG: icmp eq ptr %fp, @cb_via_helper
; CHECK-DAG: icmp eq ptr %fp, @cb_heap
; CHECK-DAG: icmp eq ptr %fp, @cb_taken_by_lib
; CHECK-NOT: icmp eq ptr %fp, @cb_home
; CHECK-NOT: icmp eq ptr %fp, @cb_home_table
; CHECK-NOT: icmp eq ptr %fp, @kernel_handler
; CHECK-NOT: icmp eq ptr %fp, @__bh_own
; CHECK: call void @__bh_icall_violation(ptr %fp)
define i32 @lib_apply(ptr %fp, i32 %x) !bulkhead.component !2 {
  %r = call i32 %fp(i32 %x)
  ret i32 %r
}

define void @lib_keep(ptr %fp) !bulkhead.component !2 {
  ret void
}

define i32 @lib_main() !bulkhead.component !2 {
  %f = call ptr @app_pick()
  %p = call ptr @lib_taken()
  ret i32 0
}

define ptr @lib_taken() !bulkhead.component !2 {
  ret ptr @cb_taken_by_lib
}

define i32 @cb_arg(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @cb_ret(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @cb_via_helper(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @cb_heap(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @cb_taken_by_lib(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @cb_home(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @cb_home_table(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @__bh_own(i32 %x) !bulkhead.component !1 {
  ret i32 %x
}
define i32 @kernel_handler(i32 %x) !bulkhead.component !3 {
  ret i32 %x
}

@home_table = internal global [1 x ptr] [ptr @cb_home_table], !bulkhead.component !1

; Returned to lib (lib_main calls it).
define ptr @app_pick() !bulkhead.component !1 {
  ret ptr @cb_ret
}

; A helper of app's own that hands its parameter to lib.
define void @app_helper(ptr %f) !bulkhead.component !1 {
  call void @lib_keep(ptr %f)
  ret void
}

; A helper of app's own that only calls its parameter.
define i32 @app_call(ptr %f, i32 %x) !bulkhead.component !1 {
  %r = call i32 %f(i32 %x)
  ret i32 %r
}

define i32 @main(ptr %heap) !bulkhead.component !1 {
  %a = call i32 @lib_apply(ptr @cb_arg, i32 1)
  call void @app_helper(ptr @cb_via_helper)
  store ptr @cb_heap, ptr %heap
  %h = call i32 @app_call(ptr @cb_home, i32 2)
  %c = icmp eq ptr %heap, @cb_home
  %t = load ptr, ptr @home_table
  %u = call i32 %t(i32 3)
  %k = call i32 @lib_apply(ptr @kernel_handler, i32 4)
  %o = call i32 @lib_apply(ptr @__bh_own, i32 5)
  ret i32 %a
}

; CHECK: !bulkhead.icall = !{![[I:[0-9]+]]}
; CHECK: ![[I]] = !{!"{\22callback_entries\22:[{\22compartment\22:1,\22name\22:\22cb_arg\22,\22reason\22:\22passed to 'lib_apply' of compartment lib\22},{\22compartment\22:1,\22name\22:\22cb_ret\22,\22reason\22:\22returned by 'app_pick' to 'lib_main' of compartment lib\22},{\22compartment\22:1,\22name\22:\22cb_via_helper\22,\22reason\22:\22passed to 'lib_keep' of compartment lib\22},{\22compartment\22:1,\22name\22:\22cb_heap\22,\22reason\22:\22stored to memory the pass cannot follow\22},{\22compartment\22:1,\22name\22:\22cb_taken_by_lib\22,\22reason\22:\22taken in 'lib_taken' of compartment lib\22}],\22confined_functions\22:[{\22compartment\22:1,\22name\22:\22cb_home\22,\22reason\22:\22its address stays in its compartment\22},{\22compartment\22:1,\22name\22:\22cb_home_table\22,\22reason\22:\22its address stays in its compartment\22},{\22compartment\22:1,\22name\22:\22__bh_own\22,\22reason\22:\22a function of bulkhead's own (__bh_*)\22},{\22compartment\22:0,\22name\22:\22kernel_handler\22,\22reason\22:\22a function of a system component\22}],
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22core\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22]}, {\22name\22: \22app\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22app\22]}, {\22name\22: \22lib\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22lib\22]}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
!3 = !{!"kernel"}
