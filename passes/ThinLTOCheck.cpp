//===- ThinLTOCheck.cpp - reject ThinLTO links of bulkhead components -----===//
//
// LLVM 19 runs neither full-LTO extension point in a ThinLTO link, so
// bulkhead-partition would silently not run.  The linker script's ASSERT on
// __bulkhead_pass_ran is the guarantee; this check only gives a clearer
// message.  It runs at the OptimizerLast extension point, which fires in
// ThinLTO backends (and in ordinary -O1+ compiles, but not in the full-LTO
// link pipeline).  A module that still carries component tags there and was
// not partitioned is tagged code compiled outside a full-LTO link.
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace bulkhead {

/// Whether a module flag "ThinLTO" = 0 marks it as compiled for full LTO.
static bool compiledForFullLTO(const Module &M) {
  auto *V = mdconst::extract_or_null<ConstantInt>(M.getModuleFlag("ThinLTO"));
  return V && V->isZero();
}

PreservedAnalyses ThinLTOCheckPass::run(Module &M, ModuleAnalysisManager &) {
  if (M.getModuleFlag(PartitionedFlag) || compiledForFullLTO(M))
    return PreservedAnalyses::all();
  bool Tagged = false;
  for (const Function &F : M)
    Tagged |= !F.isDeclaration() && F.getMetadata(ComponentMDKind);
  if (Tagged)
    reportError(M.getContext(),
                "ThinLTO is not supported; use -flto=full (module '" +
                    M.getModuleIdentifier() + "' holds tagged components)");
  return PreservedAnalyses::all();
}

} // namespace bulkhead
