; A zero-initialized writable global that the LTO pipeline later proves is
; never written (GlobalOpt marks it constant) stays in its compartment:
; .bh.c<i>.rodata (or .bh.shared.rodata when shared), never the default .rodata
; that the linker script puts in the shared rodata region.  Found by the
; differential tester (Csmith seed 115: "static volatile struct S *g[6]",
; only ever assigned its own value).
; The self-store goes (EarlyCSE), then GlobalOpt marks the global constant,
; as the full-LTO pipeline does after bulkhead-partition.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes='bulkhead-partition,function(early-cse),globalopt' %t.ll -o %t.bc
; RUN: llvm-dis %t.bc -o - | FileCheck %s --check-prefix=IR
; RUN: llc -filetype=obj -data-sections -o %t.o %t.bc
; RUN: llvm-readelf -S %t.o | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -S -o - | FileCheck %s --check-prefix=ATTR

; IR: @vault_table = internal {{(unnamed_addr )?}}constant [4 x ptr] zeroinitializer{{.*}} #[[A:[0-9]+]]
; IR: attributes #[[A]] = { "bss-section"=".bh.c1.bss" "data-section"=".bh.c1.data" "relro-section"=".bh.c1.rodata" "rodata-section"=".bh.c1.rodata" }
; CHECK: .bh.c1.rodata
; CHECK-NOT: .rodata.vault_table
; ATTR-DAG: "rodata-section"=".bh.shared.rodata"
; ATTR-DAG: "rodata-section"=".bh.c1.rodata"

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; Writable as written, but only ever assigned its own value.
@vault_table = internal global [4 x ptr] zeroinitializer, !bulkhead.component !2
@vault_shared = global i32 0, !bulkhead.component !2

define i32 @main() !bulkhead.component !1 {
  %v = call i1 @vault_owns(ptr @vault_shared)
  %c = load i32, ptr @vault_shared
  ret i32 %c
}

define i1 @vault_owns(ptr %p) noinline !bulkhead.component !2 {
  %e = getelementptr inbounds i8, ptr @vault_table, i64 24
  %v = load ptr, ptr %e
  store ptr %v, ptr %e
  %r = icmp eq ptr %p, %e
  ret i1 %r
}
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22, \22app\22]}, {\22name\22: \22vault\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22vault\22]}]}"}
!1 = !{!"app"}
!2 = !{!"vault"}
!3 = !{!"kernel"}
