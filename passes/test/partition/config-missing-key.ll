; Missing keys and wrong policy values are named.
; RUN: %with-gates %s > %t.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.ll 2>&1 | FileCheck %s
; RUN: sed 's/\\22compartments\\22:/\\22kompartments\\22:/' %t.ll > %t.nocomp.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.nocomp.ll 2>&1 | FileCheck %s --check-prefix=NOCOMP
; RUN: sed 's/\\22share\\22/\\22sometimes\\22/' %t.ll > %t.policy.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.policy.ll 2>&1 | FileCheck %s --check-prefix=POLICY

; CHECK: error: bulkhead: malformed configuration (!bulkhead.config): missing key 'pkru' in compartments[1]
; NOCOMP: error: bulkhead: malformed configuration (!bulkhead.config): missing key 'compartments'
; POLICY: error: bulkhead: malformed configuration (!bulkhead.config): policies.shared_globals must be "share", "escape", "error" or "declared"

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i32 @main() !bulkhead.component !1 {
  ret i32 0
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
