//===- Analysis.cpp - the plugin's cached module analyses -------------------===//

#include "Analysis.h"
#include "EdgeAnalysis.h"
#include "Names.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
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
    if (E.Compartment != C && E.F->getFunctionType() == FT && MayCall(C, E.Compartment))
      Out.push_back(E);
  return Out;
}

ArrayRef<const Function *> LegalEntries::local(unsigned C, FunctionType *FT) const {
  auto It = Local.find({C, FT});
  if (It == Local.end())
    return {};
  return It->second;
}

namespace {

/// Where a function's address may go, followed from its uses through the
/// code of its own compartment X: the first way it reaches code of another
/// compartment, or nothing.  Conservative: whatever it cannot follow counts
/// as leaving (a function wrongly left out would stop a correct program at
/// the indirect-call check; one wrongly let in only widens what a call may
/// reach, which is what typing alone allowed before).
class AddressFlow {
public:
  AddressFlow(const CompartmentMap &Map) : Map(Map) {}

  /// Why the address of \p F (of compartment \p X) leaves X, or None.
  std::optional<std::string> leaves(const Function &F, unsigned X) {
    Own = X;
    Seen.clear();
    return value(&F);
  }

private:
  const CompartmentMap &Map;
  unsigned Own = 0;
  SmallPtrSet<const Value *, 32> Seen;

  std::string where(const Function &G) const {
    std::optional<unsigned> C = Map.compartmentOf(G);
    return "'" + G.getName().str() + "'" +
           (C ? " of compartment " + Map.config().Compartments[*C].Name : std::string(" (untagged)"));
  }

  /// Whether code of \p G runs as the own compartment's (neutral code runs
  /// in its caller's domain and keeps no state).
  bool home(const Function &G) const {
    return Map.isNeutral(G) || Map.compartmentOf(G) == std::optional<unsigned>(Own);
  }

  /// The value \p V holds the address: where do its uses take it?
  std::optional<std::string> value(const Value *V) {
    if (!Seen.insert(V).second)
      return std::nullopt;
    for (const Use &U : V->uses()) {
      const User *Usr = U.getUser();
      if (const auto *I = dyn_cast<Instruction>(Usr)) {
        if (auto Why = instruction(*I, U))
          return Why;
        continue;
      }
      if (const auto *G = dyn_cast<GlobalVariable>(Usr)) {
        if (G->getName().starts_with("llvm.")) // llvm.used, ctors: not a value the program holds
          continue;
        if (auto Why = global(*G))
          return Why;
        continue;
      }
      if (isa<Constant>(Usr)) { // a constant expression or aggregate holding it
        if (auto Why = value(Usr))
          return Why;
        continue;
      }
      return std::string("used by something the pass cannot follow");
    }
    return std::nullopt;
  }

  std::optional<std::string> instruction(const Instruction &I, const Use &U) {
    const Function &G = *I.getFunction();
    if (!home(G))
      return "taken in " + where(G);
    if (isa<CastInst, GetElementPtrInst, SelectInst, PHINode, ExtractValueInst, InsertValueInst>(I) &&
        !isa<PtrToIntInst>(I))
      return value(&I);
    if (isa<ICmpInst>(I))
      return std::nullopt; // compared (bulkhead-icall's own promotion compares too)
    if (const auto *S = dyn_cast<StoreInst>(&I)) {
      if (U.getOperandNo() != 0)
        return std::nullopt; // stored *to*: not a use of the value
      return memory(getUnderlyingObject(S->getPointerOperand()));
    }
    if (const auto *Ret = dyn_cast<ReturnInst>(&I)) {
      (void)Ret;
      return returned(G);
    }
    if (const auto *C = dyn_cast<CallBase>(&I)) {
      if (C->isCallee(&U))
        return std::nullopt; // called: runs here
      if (!C->isArgOperand(&U))
        return std::string("used by a call the pass cannot follow");
      const Function *Callee = dyn_cast<Function>(C->getCalledOperand()->stripPointerCasts());
      if (!Callee)
        return std::string("passed to an indirect call");
      if (Callee->isIntrinsic())
        return isa<DbgInfoIntrinsic>(C) ? std::nullopt
                                         : std::optional<std::string>("passed to " + Callee->getName().str());
      if (Callee->isDeclaration())
        return "passed to '" + Callee->getName().str() + "', outside the LTO module";
      if (!home(*Callee))
        return "passed to " + where(*Callee);
      unsigned No = C->getArgOperandNo(&U);
      if (No >= Callee->arg_size())
        return "passed as a variadic argument of '" + Callee->getName().str() + "'";
      return value(Callee->getArg(No));
    }
    return "used by " + std::string(I.getOpcodeName()) + " in '" + G.getName().str() + "'";
  }

  /// Returned by \p G: follows the results of its direct calls in the own
  /// compartment; any other use of G (a call from elsewhere, its address)
  /// hands the result out.
  std::optional<std::string> returned(const Function &G) {
    for (const Use &U : G.uses()) {
      const auto *C = dyn_cast<CallBase>(U.getUser());
      if (!C || !C->isCallee(&U))
        return "returned by '" + G.getName().str() + "', whose address is taken";
      if (!home(*C->getFunction()))
        return "returned by '" + G.getName().str() + "' to " + where(*C->getFunction());
      if (auto Why = value(C))
        return Why;
    }
    return std::nullopt;
  }

  /// Stored into the object \p Obj: follows what is loaded back from a
  /// local or from a global of the own compartment.
  std::optional<std::string> memory(const Value *Obj) {
    if (const auto *G = dyn_cast<GlobalVariable>(Obj))
      return global(*G);
    if (isa<AllocaInst>(Obj))
      return contents(Obj, "a local");
    return std::string("stored to memory the pass cannot follow");
  }

  std::optional<std::string> global(const GlobalVariable &G) {
    std::optional<unsigned> C = Map.compartmentOf(G);
    if (!C || *C != Own)
      return "held by global '" + G.getName().str() + "' outside its compartment";
    if (G.getMetadata(EscapedMDKind) || (G.hasSection() && G.getSection().starts_with(SharedSectionBase)))
      return "held by global '" + G.getName().str() + "', which is shared";
    return contents(&G, ("global '" + G.getName() + "'").str());
  }

  /// The memory at \p Obj holds the address: its loads are followed, and
  /// the memory's own address must stay in the own compartment's code.
  std::optional<std::string> contents(const Value *Obj, const std::string &What) {
    SmallVector<const Value *, 8> Work{Obj};
    SmallPtrSet<const Value *, 8> Visited{Obj};
    while (!Work.empty()) {
      const Value *P = Work.pop_back_val();
      for (const Use &U : P->uses()) {
        const User *Usr = U.getUser();
        if (const auto *CE = dyn_cast<ConstantExpr>(Usr)) {
          if ((CE->getOpcode() == Instruction::GetElementPtr || CE->isCast()) &&
              CE->getOpcode() != Instruction::PtrToInt && Visited.insert(CE).second)
            Work.push_back(CE);
          else if (CE->getOpcode() == Instruction::PtrToInt)
            return "the address of " + What + " holding it is converted to an integer";
          continue;
        }
        const auto *I = dyn_cast<Instruction>(Usr);
        if (!I) {
          if (isa<GlobalVariable>(Usr) && Usr->getName().starts_with("llvm."))
            continue;
          return "the address of " + What + " holding it is in another global's initializer";
        }
        if (!home(*I->getFunction()))
          return What + " holding it is used by " + where(*I->getFunction());
        if (const auto *L = dyn_cast<LoadInst>(I)) {
          if (auto Why = value(L))
            return Why;
        } else if (const auto *S = dyn_cast<StoreInst>(I)) {
          if (S->getValueOperand() == P)
            return "the address of " + What + " holding it is stored to memory";
        } else if (isa<GetElementPtrInst, BitCastInst, AddrSpaceCastInst>(I)) {
          if (Visited.insert(I).second)
            Work.push_back(I);
        } else if (const auto *II = dyn_cast<IntrinsicInst>(I)) {
          if (II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II))
            continue;
          return What + " holding it is copied by " + II->getCalledFunction()->getName().str();
        } else if (!isa<ICmpInst>(I)) {
          return "the address of " + What + " holding it leaves (" + I->getOpcodeName() + ")";
        }
      }
    }
    return std::nullopt;
  }
};

} // namespace

LegalEntries LegalEntries::compute(Module &M, const CompartmentMap &Map) {
  LegalEntries L;
  L.MayCall = [&Map](unsigned From, unsigned To) { return Map.mayCall(From, To); };
  SmallVector<const Function *, 8> Declared;
  AddressFlow Flow(Map);
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
    L.Local[{*C, F.getFunctionType()}].push_back(&F);
    // Never an entry for another compartment: the system's functions (the
    // kernel's bh_paging_init is address-taken as a marker of where the code
    // is) and the pass's and runtime's own.
    if (Map.isListedExport(F)) {
      L.Entries.push_back({&F, *C, "exported by its component"});
      continue;
    }
    if (Map.isSystem(F)) {
      L.Confined.push_back({&F, *C, "a function of a system component"});
      continue;
    }
    if (F.getName().starts_with("__bh_") || F.getName().starts_with("__bulkhead")) {
      L.Confined.push_back({&F, *C, "a function of bulkhead's own (__bh_*)"});
      continue;
    }
    if (std::optional<std::string> Why = Flow.leaves(F, *C))
      L.Entries.push_back({&F, *C, std::move(*Why)});
    else
      L.Confined.push_back({&F, *C, "its address stays in its compartment"});
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
