//===- Analysis.cpp - the plugin's cached module analyses -------------------===//

#include "Analysis.h"
#include "EdgeAnalysis.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace bulkhead {

AnalysisKey ConfigAnalysis::Key;
AnalysisKey EntryAnalysis::Key;

ConfigInfo::ConfigInfo(Expected<CompartmentMap> Parsed) {
  if (Parsed)
    Map = std::move(*Parsed);
  else
    Error = toString(Parsed.takeError());
}

ConfigInfo ConfigAnalysis::run(Module &M, ModuleAnalysisManager &) {
  return ConfigInfo(CompartmentMap::fromModule(M));
}

SmallVector<LegalEntry, 4> LegalEntries::foreign(unsigned C, FunctionType *FT) const {
  SmallVector<LegalEntry, 4> Out;
  for (const LegalEntry &E : Entries)
    if (E.Compartment != C && E.F->getFunctionType() == FT)
      Out.push_back(E);
  return Out;
}

ArrayRef<const Function *> LegalEntries::local(unsigned C, FunctionType *FT) const {
  auto It = Local.find({C, FT});
  if (It == Local.end())
    return {};
  return It->second;
}

LegalEntries LegalEntries::compute(Module &M, const CompartmentMap &Map) {
  LegalEntries L;
  SmallVector<const Function *, 8> Declared;
  for (Function &F : M) {
    if (F.isIntrinsic() || !isAddressTaken(F))
      continue;
    if (F.isDeclaration()) {
      Declared.push_back(&F);
      continue;
    }
    // Neutral functions run in the caller's domain and keep no state: never
    // an entry of a compartment.
    std::optional<unsigned> C = Map.compartmentOf(F);
    if (!C || Map.isNeutral(F))
      continue;
    L.Entries.push_back({&F, *C});
    L.Local[{*C, F.getFunctionType()}].push_back(&F);
  }
  for (const Function *D : Declared)
    for (unsigned C = 0; C < Map.config().Compartments.size(); ++C)
      L.Local[{C, D->getFunctionType()}].push_back(nullptr);
  return L;
}

LegalEntries EntryAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  const CompartmentMap *Map = MAM.getResult<ConfigAnalysis>(M).map();
  return Map ? LegalEntries::compute(M, *Map) : LegalEntries();
}

void registerAnalyses(ModuleAnalysisManager &MAM) {
  MAM.registerPass([] { return ConfigAnalysis(); });
  MAM.registerPass([] { return EntryAnalysis(); });
}

} // namespace bulkhead
