; bulkhead-tag<NAME> with -bulkhead-component-map=FILE: definitions named in
; the JSON map get the map's component (internal ones too), all others NAME;
; an unreadable or malformed map is an error naming the file.
; RUN: echo '{"f": "left", "g": "right", "s": "right", "absent": "left"}' > %t.json
; RUN: opt -load-pass-plugin=%plugin -bulkhead-component-map=%t.json -passes='bulkhead-tag<rest>' -S %s | FileCheck %s
; RUN: echo '{"f": 3}' > %t.bad.json
; RUN: not opt -load-pass-plugin=%plugin -bulkhead-component-map=%t.bad.json -passes='bulkhead-tag<rest>' -S %s 2>&1 | FileCheck %s --check-prefix=BAD
; BAD: bulkhead: component map '{{.*}}.bad.json': the component of 'f' must be a string
; RUN: not opt -load-pass-plugin=%plugin -bulkhead-component-map=%t.missing.json -passes='bulkhead-tag<rest>' -S %s 2>&1 | FileCheck %s --check-prefix=MISSING
; MISSING: bulkhead: component map '{{.*}}.missing.json':

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-none-elf"

; CHECK: @g = global i32 1, !bulkhead.component ![[RIGHT:[0-9]+]]
@g = global i32 1
; CHECK: @h = global i32 2, !bulkhead.component ![[REST:[0-9]+]]
@h = global i32 2
; CHECK: @ext = external global i32{{$}}
@ext = external global i32

; CHECK: define void @f() !bulkhead.component ![[LEFT:[0-9]+]] {
define void @f() {
  call void @s()
  ret void
}

; CHECK: define internal void @s() !bulkhead.component ![[RIGHT]] {
define internal void @s() {
  ret void
}

; CHECK: define void @other() !bulkhead.component ![[REST]] {
define void @other() {
  ret void
}

; CHECK-DAG: ![[LEFT]] = !{!"left"}
; CHECK-DAG: ![[RIGHT]] = !{!"right"}
; CHECK-DAG: ![[REST]] = !{!"rest"}
