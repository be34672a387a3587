; policies.shared_globals = "escape": besides globals another compartment names,
; every global whose address may reach another compartment moves to the shared
; region (bulkhead-dss's escape analysis): passed across, passed on by a
; same-compartment parameter, or put in another global's initializer.  A global
; whose address stays home keeps its compartment's section.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @passed = global i32 1, section ".bh.shared.data"
@passed = global i32 1, !bulkhead.component !1
; CHECK: @relayed = global i32 2, section ".bh.shared.data"
@relayed = global i32 2, !bulkhead.component !1
; CHECK: @pointed = global i32 3, section ".bh.shared.data"
@pointed = global i32 3, !bulkhead.component !1
; CHECK: @table = global ptr @pointed, section ".bh.c0.data"
@table = global ptr @pointed, !bulkhead.component !1
; CHECK: @home = global i32 4, section ".bh.c0.data"
@home = global i32 4, !bulkhead.component !1

define void @app() !bulkhead.component !1 {
  call void @lib_use(ptr @passed)
  call void @relay(ptr @relayed)
  %v = load i32, ptr @home
  call void @local_read(ptr @home)
  ret void
}

define void @relay(ptr %p) !bulkhead.component !1 {
  call void @lib_use(ptr %p)
  ret void
}

define void @local_read(ptr %p) !bulkhead.component !1 {
  %v = load i32, ptr %p
  ret void
}

define void @lib_use(ptr %p) !bulkhead.component !2 {
  store i32 0, ptr %p
  ret void
}

; CHECK: !bulkhead.dss = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{\22escaping_globals\22:[{\22compartment\22:0,\22name\22:\22passed\22,\22reason\22:\22passed to 'lib_use' in compartment 1\22{{.*}}\22name\22:\22relayed\22,\22reason\22:\22passed to 'relay', whose argument 0 is exported{{.*}}\22name\22:\22pointed\22,\22reason\22:\22its address is in a constant or another global's initializer\22
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22escape\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22shared\22}}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22shared\22}}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
