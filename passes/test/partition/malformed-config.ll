; A configuration that is not valid JSON is an error saying what is wrong.
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %s 2>&1 | FileCheck %s

; CHECK: error: bulkhead: malformed configuration (!bulkhead.config): invalid JSON: {{.+}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i32 @main() !bulkhead.component !1 {
  ret i32 0
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22compartments\22: ["}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
