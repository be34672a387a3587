; musttail crossings: one whose arguments fit the gate's registers is gated and
; stays a tail call (through the stub, which has the callee's type); one with 8
; integer arguments needs a thunk, which a tail call cannot go through: refused
; with one error that says so, and nothing after it (bulkhead-finalize stays
; silent when bulkhead-partition failed).
; RUN: %with-gates %s | sed 's|@MANIFEST@|%t.json|' > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition -S %t.ll -o - | FileCheck %s --check-prefix=OK
; RUN: sed 's|;BAD ||' %t.ll > %t.bad.ll
; RUN: llvm-as %t.bad.ll -o %t.bad.bc
; RUN: not ld.lld --load-pass-plugin=%plugin -e main %t.bad.bc -o %t.elf 2>&1 | FileCheck %s --check-prefix=BAD

; OK-LABEL: define i64 @main2(
; OK: musttail call i64 @__bh_gate_c0_vault_two(i64 %a, i64 %b)
; OK-NEXT: ret i64

; BAD: error: bulkhead: cannot gate the call from 'main8' to 'vault_eight': 8 integer-class argument registers needed (at most 6; the rest would be on the stack); a musttail call cannot go through a marshalling thunk
; BAD-NOT: not partitioned
; BAD-NOT: error:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i64 @main2(i64 %a, i64 %b) !bulkhead.component !1 {
  %r = musttail call i64 @vault_two(i64 %a, i64 %b)
  ret i64 %r
}

define i64 @vault_two(i64 %a, i64 %b) !bulkhead.component !2 {
  ret i64 %b
}

define i64 @main() !bulkhead.component !1 {
  %r = call i64 @main2(i64 1, i64 2)
  ret i64 %r
}

;BAD define i64 @main8(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h) !bulkhead.component !1 {
;BAD   %r = musttail call i64 @vault_eight(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h)
;BAD   ret i64 %r
;BAD }
;BAD define i64 @vault_eight(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h) !bulkhead.component !2 {
;BAD   ret i64 %h
;BAD }
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}], \22manifest\22: \22@MANIFEST@\22}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
