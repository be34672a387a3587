//===- Plugin.cpp - registration of the bulkhead passes --------------------===//
//
// Registration only.  Extension points (run inside LLD's full LTO and under
// `opt -passes='lto<O2>'`):
//   FullLinkTimeOptimizationEarly  -> bulkhead-icall, bulkhead-dss, bulkhead-partition
//   FullLinkTimeOptimizationLast   -> bulkhead-finalize
//   OptimizerLast                  -> bulkhead-thinlto-check
// Pipeline names for opt: bulkhead-tag<NAME>, bulkhead-icall, bulkhead-dss,
// bulkhead-partition,
// bulkhead-finalize, bulkhead-thinlto-check.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Bulkhead.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace bulkhead;

/// Parses bulkhead-tag<NAME>.
static bool parseTagPass(StringRef Name, ModulePassManager &MPM) {
  if (!Name.consume_front("bulkhead-tag<") || !Name.consume_back(">"))
    return false;
  if (!isValidComponentName(Name)) {
    errs() << "bulkhead: invalid component name '" << Name
           << "' in bulkhead-tag<...> (allowed: [A-Za-z0-9_.-]+)\n";
    return false;
  }
  MPM.addPass(TagPass(Name.str()));
  return true;
}

static bool parseModulePass(StringRef Name, ModulePassManager &MPM,
                            ArrayRef<PassBuilder::PipelineElement>) {
  if (Name == "bulkhead-partition")
    MPM.addPass(PartitionPass());
  else if (Name == "bulkhead-icall")
    MPM.addPass(IndirectCallPass());
  else if (Name == "bulkhead-dss")
    MPM.addPass(DataShadowStackPass());
  else if (Name == "bulkhead-finalize")
    MPM.addPass(FinalizePass());
  else if (Name == "bulkhead-thinlto-check")
    MPM.addPass(ThinLTOCheckPass());
  else
    return parseTagPass(Name, MPM);
  return true;
}

static void registerCallbacks(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(parseModulePass);
  // ConfigAnalysis and EntryAnalysis: computed once per link, shared by the
  // passes through the module analysis manager (Analysis.h).
  PB.registerAnalysisRegistrationCallback(
      [](ModuleAnalysisManager &MAM) { registerAnalyses(MAM); });
  PB.registerFullLinkTimeOptimizationEarlyEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(IndirectCallPass());
        MPM.addPass(DataShadowStackPass());
        MPM.addPass(PartitionPass());
      });
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(FinalizePass());
      });
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(ThinLTOCheckPass());
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "BulkheadPass", "0.1", registerCallbacks};
}
