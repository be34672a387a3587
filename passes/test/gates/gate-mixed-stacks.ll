; Mixed stacks (mpk light: the kernel's compartment keeps a private stack,
; backend.toml [kernel_options]): compartment 0 has gate slots and a
; template of its own (the private gate), 1 and 2 share the shared stack
; under the image's light gate.  An edge takes the template of the endpoint
; with gate slots; a compartment on the shared stack resumes from the shared
; slot (__bh_cs_sp) but waits in a slot of its own (__bh_c1_wait), which no
; other compartment can write.  Edges between 1 and 2 stay light.
; Two compartments with different templates and the same gate slots: the
; pass cannot choose, and says so.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-partition %t.ll -o %t.bc
; RUN: llc -o %t.s %t.bc
; RUN: FileCheck %s --check-prefix=UP < %t.s
; RUN: FileCheck %s --check-prefix=LIGHT < %t.s
; RUN: FileCheck %s --check-prefix=DOWN < %t.s
; RUN: llc -filetype=obj -o %t.o %t.bc
; RUN: sed 's/\\22gate_slots\\22: true, \\22gate_template/\\22gate_slots\\22: false, \\22gate_template/' %t.ll > %t.bad.ll
; RUN: not opt -load-pass-plugin=%plugin -passes=bulkhead-partition -disable-output %t.bad.ll 2>&1 | FileCheck %s --check-prefix=BAD

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

define i64 @kentry(i64 %x) !bulkhead.component !3 {
  %a = call i64 @app_cb(i64 %x)
  ret i64 %a
}

define i64 @app_cb(i64 %x) !bulkhead.component !1 {
  ret i64 %x
}

define i64 @main() !bulkhead.component !1 {
  %a = call i64 @kentry(i64 1)
  %b = call i64 @lib_get(i64 %a)
  ret i64 %b
}

define i64 @lib_get(i64 %x) !bulkhead.component !2 {
  ret i64 %x
}

; app (shared stack) -> kernel: the private gate, from the shared slot.
; UP-LABEL: __bh_gate_c1_kentry:
; UP: pushq %gs:__bh_cs_sp
; UP-NEXT: pushq %gs:__bh_c1_wait
; UP-NEXT: movq $0, %gs:__bh_c1_wait
; UP-NEXT: movq %rsp, %gs:__bh_cs_sp
; UP: wrpkru
; UP: movq %gs:__bh_c0_sp, %rsp
; UP: callq kentry
; UP: wrpkru
; UP: cmpq $0, %gs:__bh_c1_wait
; UP-NEXT: jne __bh_gate_order_violation
; UP: movq %gs:__bh_cs_sp, %rsp
; UP-NEXT: popq %gs:__bh_c1_wait
; UP-NEXT: popq %gs:__bh_cs_sp
; UP: retq

; app -> lib: both on the shared stack, the light gate (no slot, no stack switch).
; LIGHT-LABEL: __bh_gate_c1_lib_get:
; LIGHT-NOT: %gs:
; LIGHT-NOT: %rsp
; LIGHT: wrpkru
; LIGHT-NOT: %gs:
; LIGHT: callq lib_get
; LIGHT-NOT: %gs:
; LIGHT: wrpkru
; LIGHT-NOT: %gs:
; LIGHT: retq

; kernel -> app: the private gate, onto the shared stack where it resumes.
; DOWN-LABEL: __bh_gate_c0_app_cb:
; DOWN: pushq %gs:__bh_c0_sp
; DOWN-NEXT: pushq %gs:__bh_c0_wait
; DOWN-NEXT: movq $1, %gs:__bh_c0_wait
; DOWN: movq %gs:__bh_cs_sp, %rsp
; DOWN: callq app_cb
; DOWN: cmpq $1, %gs:__bh_c0_wait

; BAD: error: bulkhead: {{.*}}compartments 0 and 1 have different gate templates but the same gate_slots
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [], \22compartments\22: [{\22name\22: \22core\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22kernel\22], \22options\22: {\22stack\22: \22shared\22}, \22dss\22: true, \22gate_slots\22: true, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22}, {\22name\22: \22app\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22shared\22}}, {\22name\22: \22lib\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967103, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22shared\22}}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
!3 = !{!"kernel"}
