; The configuration is parsed once per link and the legal entries computed
; once: both are analyses of the module analysis manager (Analysis.h), which
; bulkhead-icall and bulkhead-dss preserve (they change something here: a
; promoted indirect call, a moved local) and bulkhead-partition invalidates
; (its gate stubs take their callees' addresses).  Checked in the pipeline
; LLD runs (lto<O2>) and with the passes named one by one.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes='lto<O2>' -debug-pass-manager -disable-output %t.ll 2>&1 | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-icall,bulkhead-dss,bulkhead-partition,bulkhead-finalize -debug-pass-manager -disable-output %t.ll 2>&1 | FileCheck %s

; CHECK: Running pass: bulkhead::IndirectCallPass
; CHECK-NEXT: Running analysis: bulkhead::ConfigAnalysis
; CHECK-NEXT: Running analysis: bulkhead::EntryAnalysis
; CHECK-NOT: Running analysis: bulkhead::
; CHECK: Running pass: bulkhead::DataShadowStackPass
; CHECK-NOT: Running analysis: bulkhead::
; CHECK: Running pass: bulkhead::PartitionPass
; CHECK-NEXT: Invalidating analysis: bulkhead::EntryAnalysis
; CHECK-NOT: Running analysis: bulkhead::
; CHECK: Running pass: bulkhead::FinalizePass
; CHECK-NOT: Running analysis: bulkhead::

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@ops = global ptr @vault_cb, !bulkhead.component !2

define i32 @vault_cb(ptr %p) noinline !bulkhead.component !2 {
  %v = load i32, ptr %p
  ret i32 %v
}

define i32 @main(ptr %fp) !bulkhead.component !1 {
  %x = alloca i32
  store i32 7, ptr %x
  %r = call i32 %fp(ptr %x)
  ret i32 %r
}

!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22], \22options\22: {\22stack\22: \22private\22}}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
