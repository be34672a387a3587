; System components (config "system": the kernel, the backend runtime) keep
; their compartment but get ".system" sections, which the linker script puts
; first in each region (backend vm holds only that part of the kernel's
; compartment in every machine).  Their globals are never shared by policy:
; the kernel's page-table pool "escapes" into page-table entries, not to a
; compartment.  A component configured with the kernel keeps plain sections.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,bulkhead-partition -S %t.ll | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @pool = global [4 x i64] zeroinitializer, !bulkhead.component ![[K:[0-9]+]] #[[A:[0-9]+]]
@pool = global [4 x i64] zeroinitializer, !bulkhead.component !1
; CHECK: @cursor = global ptr @pool, section ".bh.c0.data.system"
@cursor = global ptr @pool, !bulkhead.component !1
; CHECK: @counter = global i32 7, section ".bh.c0.data"
@counter = global i32 7, !bulkhead.component !2
; CHECK: @handed = global i32 8, section ".bh.shared.data", !bulkhead.component !{{[0-9]+}}, !bulkhead.escaped
@handed = global i32 8, !bulkhead.component !2

; CHECK: define void @kmain() section ".bh.c0.text.system"
define void @kmain() !bulkhead.component !1 {
  %p = getelementptr i64, ptr @pool, i64 1
  store ptr %p, ptr @cursor
  call void @main()
  ret void
}

; CHECK: define void @main() section ".bh.c0.text"
define void @main() !bulkhead.component !2 {
  %v = load i32, ptr @counter
  call void @lib_use(ptr @handed)
  ret void
}

; CHECK: define dso_local void @lib_use(ptr %p) section ".bh.c1.text"
define void @lib_use(ptr %p) !bulkhead.component !3 {
  store i32 0, ptr %p
  ret void
}

; CHECK: attributes #[[A]] = { "bss-section"=".bh.c0.bss.system" "data-section"=".bh.c0.data.system"
; CHECK: !bulkhead.dss = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{\22escaping_globals\22:[{\22compartment\22:0,\22name\22:\22handed\22,{{[^]]*}}}],
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22vm\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 0, \22policies\22: {\22shared_globals\22: \22escape\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22system\22: [\22kernel\22], \22compartments\22: [{\22name\22: \22core\22, \22index\22: 0, \22key\22: 0, \22pkru\22: 0, \22components\22: [\22kernel\22, \22app\22], \22options\22: {}}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 0, \22pkru\22: 0, \22components\22: [\22lib\22], \22options\22: {}}]}"}
!1 = !{!"kernel"}
!2 = !{!"app"}
!3 = !{!"lib"}
