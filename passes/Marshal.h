//===- Marshal.h - marshalling thunks for crossings the gate cannot carry -===//
//
// A crossing whose arguments or result do not fit the gate's registers
// (byval, stack arguments, a variadic callee, a large return; sysv::
// registerPassingProblem) goes through __bh_marshal_<callee>(ptr block) in
// the callee's compartment: the caller stores every argument into a block,
// the gate carries the one pointer, the thunk loads the arguments and calls
// the callee directly (passes/README.md, "Marshalling thunks").
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_MARSHAL_H
#define BULKHEAD_PASSES_MARSHAL_H

#include "llvm/ADT/DenseMap.h"

namespace llvm {
class CallBase;
class Function;
class FunctionType;
class LLVMContext;
class Module;
class StructType;
} // namespace llvm

namespace bulkhead {

class CompartmentMap;
struct CallCrossing;

/// Whether a call of \p Callee at \p Call that the gate cannot pass in
/// registers can go through a marshalling thunk instead: a plain (not
/// musttail) call, no inalloca, preallocated, nest or swift* argument, the
/// callee's own type (variadic calls included: the thunk is made for the
/// call's argument types).
bool isMarshallable(const llvm::CallBase &Call, const llvm::Function &Callee);

/// Makes the thunks of one module and rewrites the marshalled calls.
class Marshaller {
public:
  Marshaller(llvm::Module &M, const CompartmentMap &Map);

  /// __bh_marshal_<callee> for the call \p Site, in compartment \p To: one
  /// per callee, or per argument types of a variadic callee's calls.
  llvm::Function *thunkFor(llvm::Function &Callee, const llvm::CallBase &Site, unsigned To);

  /// Replaces the crossing \p X by a call of \p Stub (the gate of X's
  /// thunk) with the argument block, on the caller's stack or its data
  /// shadow stack (zeroed after the call).
  void rewriteCall(const CallCrossing &X, llvm::Function &Stub);

private:
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  const CompartmentMap &Map;
  llvm::DenseMap<std::pair<llvm::Function *, llvm::StructType *>, llvm::Function *> Thunks;
};

} // namespace bulkhead

#endif
