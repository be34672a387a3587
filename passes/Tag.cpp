//===- Tag.cpp - bulkhead-tag<NAME>: component identity --------------------===//
//
// Run once per component at compile time: attaches !bulkhead.component
// !{!"NAME"} to every defined function and global variable (docs/design.md 1).
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumTagged, "Definitions tagged with a component");

namespace bulkhead {

PreservedAnalyses TagPass::run(Module &M, ModuleAnalysisManager &) {
  LLVMContext &Ctx = M.getContext();
  MDNode *Tag = MDNode::get(Ctx, MDString::get(Ctx, Component));
  auto TagIt = [&](GlobalObject &GO) {
    // llvm.used, llvm.global_ctors, ...: appending globals merged by the linker.
    if (GO.isDeclaration() || GO.getName().starts_with("llvm."))
      return;
    GO.setMetadata(ComponentMDKind, Tag);
    ++NumTagged;
  };
  for (Function &F : M)
    TagIt(F);
  for (GlobalVariable &GV : M.globals())
    TagIt(GV);
  LLVM_DEBUG(dbgs() << "bulkhead: tagged " << M.getModuleIdentifier()
                    << " as component " << Component << "\n");
  return PreservedAnalyses::all(); // metadata only: no analysis is affected
}

} // namespace bulkhead
