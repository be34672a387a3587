; bulkhead-tag<NAME> tags every definition (functions and globals), and
; leaves declarations and llvm.* globals alone.
; RUN: opt -load-pass-plugin=%plugin -passes='bulkhead-tag<vault>' -S %s | FileCheck %s
; RUN: not opt -load-pass-plugin=%plugin -passes='bulkhead-tag<bad/name>' -S %s 2>&1 | FileCheck %s --check-prefix=BADNAME
; BADNAME: bulkhead: invalid component name 'bad/name'

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @g = global i32 1, !bulkhead.component ![[TAG:[0-9]+]]
@g = global i32 1
; CHECK: @c = internal constant [2 x i8] c"x\00", !bulkhead.component ![[TAG]]
@c = internal constant [2 x i8] c"x\00"
; CHECK: @ext = external global i32{{$}}
@ext = external global i32
; CHECK: @llvm.used = appending global [1 x ptr] [ptr @f], section "llvm.metadata"{{$}}
@llvm.used = appending global [1 x ptr] [ptr @f], section "llvm.metadata"

; CHECK: define void @f() !bulkhead.component ![[TAG]] {
define void @f() {
  call void @d()
  ret void
}

; CHECK: declare void @d(){{$}}
declare void @d()

; CHECK: ![[TAG]] = !{!"vault"}
