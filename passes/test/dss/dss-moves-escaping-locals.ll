; bulkhead-dss, private stacks: a local whose address reaches another
; compartment (directly, or through a same-compartment parameter that passes it
; on, or stored to memory) is used through its shadow on the data shadow stack:
; its address minus __bh_c<i>_dss_delta.  A local that stays home, a local only
; handed to inline assembly or a neutral function, and every local of a
; shared-stack compartment are left alone.  Before each return the shadows are
; zeroed.  A second run changes nothing.
; RUN: %with-gates %s > %t.ll
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss -S %t.ll | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=bulkhead-dss,bulkhead-dss -S %t.ll | FileCheck %s --check-prefix=TWICE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

@slot = global ptr null, !bulkhead.component !1
; CHECK: @__bh_c0_dss_delta = external dso_local constant i8

; CHECK-LABEL: define void @app()
define void @app() !bulkhead.component !1 {
; CHECK: %buf = alloca [16 x i8]
; CHECK-NEXT: [[A:%.*]] = ptrtoint ptr %buf to i64
; CHECK-NEXT: [[D:%.*]] = sub i64 [[A]], ptrtoint (ptr @__bh_c0_dss_delta to i64)
; CHECK-NEXT: %buf.dss = inttoptr i64 [[D]] to ptr
  %buf = alloca [16 x i8]
  %pt = alloca i64
  %kept = alloca i32
  %asm = alloca i64
  %stored = alloca i32
; CHECK: call void @lib_fill(ptr %buf.dss)
  call void @lib_fill(ptr %buf)
; CHECK: call void @relay(ptr %pt.dss)
  call void @relay(ptr %pt)
; CHECK: store i32 1, ptr %kept
  store i32 1, ptr %kept
; CHECK: call void @local_use(ptr %kept)
  call void @local_use(ptr %kept)
; CHECK: call void asm sideeffect "lidt ($0)", "r"(ptr %asm)
  call void asm sideeffect "lidt ($0)", "r"(ptr %asm)
; CHECK: call void @memset_like(ptr %asm)
  call void @memset_like(ptr %asm)
; CHECK: store ptr %stored.dss, ptr @slot
  store ptr %stored, ptr @slot
; Shadows are zeroed before the frame goes: a stale pointer into the DSS finds nothing.
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %buf.dss, i8 0, i64 16, i1 true)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %pt.dss, i8 0, i64 8, i1 true)
; CHECK-NEXT: call void @llvm.memset.p0.i64(ptr align 1 %stored.dss, i8 0, i64 4, i1 true)
; CHECK-NEXT: ret void
  ret void
}

; Same compartment: passes its parameter on to another compartment.
define void @relay(ptr %p) !bulkhead.component !1 {
  call void @lib_fill(ptr %p)
  ret void
}

; Same compartment: only reads through its parameter.
define void @local_use(ptr %p) !bulkhead.component !1 {
  %v = load i32, ptr %p
  ret void
}

define void @memset_like(ptr %p) !bulkhead.component !1 {
  ret void
}

define void @lib_fill(ptr %p) !bulkhead.component !2 {
  store i8 0, ptr %p
  ret void
}

; Shared-stack compartment 2: untouched.
; CHECK-LABEL: define void @shared_side()
define void @shared_side() !bulkhead.component !3 {
; CHECK-NEXT: %x = alloca i32
; CHECK-NEXT: call void @lib_fill(ptr %x)
  %x = alloca i32
  call void @lib_fill(ptr %x)
  ret void
}

; CHECK: !bulkhead.dss = !{![[R:[0-9]+]]}
; CHECK: ![[R]] = !{!"{\22escaping_globals\22:[],\22shadow_locals\22:[{\22bytes\22:16,\22compartment\22:0,\22function\22:\22app\22,{{.*}}\22reason\22:\22passed to 'lib_fill' in compartment 1\22{{.*}}\22reason\22:\22passed to 'relay', whose argument 0 is exported (passed to 'lib_fill' in compartment 1)\22{{.*}}\22reason\22:\22stored to memory\22
; TWICE-COUNT-3: = inttoptr
; TWICE-NOT: = inttoptr
!bulkhead.config = !{!100}
!100 = !{!"{\22version\22: 1, \22name\22: \22t\22, \22backend\22: \22mpk\22, \22gate_template\22: \22@gates/mpk/gate-private.S.tmpl\22, \22shared_key\22: 15, \22policies\22: {\22shared_globals\22: \22share\22, \22rodata\22: \22shared\22}, \22neutral\22: [\22memset_like\22], \22compartments\22: [{\22name\22: \22main\22, \22index\22: 0, \22key\22: 1, \22pkru\22: 4294967283, \22components\22: [\22app\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22lib\22, \22index\22: 1, \22key\22: 2, \22pkru\22: 4294967247, \22components\22: [\22lib\22], \22options\22: {\22stack\22: \22private\22}, \22dss\22: true, \22gate_slots\22: true}, {\22name\22: \22sh\22, \22index\22: 2, \22key\22: 3, \22pkru\22: 4294967295, \22components\22: [\22shared\22], \22options\22: {\22stack\22: \22shared\22}}]}"}
!1 = !{!"app"}
!2 = !{!"lib"}
!3 = !{!"shared"}
