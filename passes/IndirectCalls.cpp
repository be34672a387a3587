//===- IndirectCalls.cpp - bulkhead-icall: calls through function pointers ===//
//
// A function of compartment A whose address is taken (stored in a table,
// passed as a callback, returned) may be called through a pointer from
// compartment B, where no gate can be seen.  This pass makes every such call
// explicit, with no annotation: each indirect call of a non-neutral function
// becomes
//
//   if (target == @F1) call @F1(args)      ; one test per legal entry: an
//   else if (target == @F2) call @F2(args) ; address-taken function of another
//   ...                                    ; compartment with the call's type
//   else { check target; call target(args) }
//
// The direct calls are ordinary crossings, which bulkhead-partition gates
// like any other (light or private-stack gate, VM RPC, marshalling, or a
// refusal naming the call site).  The check lets the remaining call proceed
// only to code of the caller's own compartment or the shared text past the
// gates (neutral functions, assembly); any other target -- a forged pointer into another
// compartment, an address that was never taken -- reaches
// __bh_icall_violation (the backend's runtime: a report and exit 67).
//
// Like LLVM's indirect-call promotion (CallPromotionUtils), but the candidate
// set is exact, from the configuration and the whole LTO module, instead of a
// profile.  Runs at FullLinkTimeOptimizationEarly before bulkhead-dss (which
// then sees the direct crossings), only for backends with gates.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/JSON.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/CallPromotionUtils.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumIndirect, "Indirect calls checked");
STATISTIC(NumPromoted, "Indirect-call targets promoted to direct crossings");

namespace bulkhead {

namespace {

class IndirectCallGater {
public:
  IndirectCallGater(Module &M, const CompartmentMap &Map, const LegalEntries &Entries)
      : M(M), Map(Map), Entries(Entries) {}

  bool run() {
    SmallVector<std::pair<CallInst *, unsigned>, 32> Calls;
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || !C || Map.isNeutral(F))
        continue;
      for (Instruction &I : instructions(F))
        if (auto *CI = dyn_cast<CallInst>(&I))
          if (isIndirect(*CI))
            Calls.push_back({CI, *C});
    }
    for (auto [CI, C] : Calls)
      rewrite(*CI, C);
    record();
    return !Calls.empty();
  }

private:
  Module &M;
  const CompartmentMap &Map;
  const LegalEntries &Entries;
  json::Array Sites;

  static bool isIndirect(const CallInst &CI) {
    // musttail cannot be split; bulkhead-partition refuses it if it may cross.
    return !CI.isInlineAsm() && !CI.isMustTailCall() &&
           !isa<Function>(CI.getCalledOperand()->stripPointerCasts());
  }

  FunctionCallee violation() {
    LLVMContext &Ctx = M.getContext();
    FunctionCallee V = M.getOrInsertFunction(
        IcallViolationFn,
        FunctionType::get(Type::getVoidTy(Ctx), {PointerType::getUnqual(Ctx)}, false));
    if (auto *F = dyn_cast<Function>(V.getCallee())) {
      F->setDoesNotReturn();
      F->setDoesNotThrow();
      F->setDSOLocal(true);
    }
    return V;
  }

  void rewrite(CallInst &CI, unsigned C) {
    ++NumIndirect;
    json::Array Promoted;
    for (const LegalEntry &E : Entries.foreign(C, CI.getFunctionType())) {
      if (!isLegalToPromote(CI, E.F))
        continue;
      CallBase &Direct = promoteCallWithIfThenElse(CI, E.F);
      Direct.setMetadata(IcallCheckedMDKind, MDNode::get(M.getContext(), {}));
      // The comparison with the entry's address is the promotion's own:
      // bulkhead-partition does not count it as a reference of E.F by this
      // compartment (a comparison in the source itself still is one).
      if (BasicBlock *Pred = Direct.getParent()->getSinglePredecessor())
        if (auto *Br = dyn_cast<BranchInst>(Pred->getTerminator()); Br && Br->isConditional())
          if (auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition()))
            Cmp->setMetadata(IcallCheckedMDKind, MDNode::get(M.getContext(), {}));
      Promoted.push_back(E.F->getName());
      ++NumPromoted;
    }
    // Checked: "bulkhead.icall" (bulkhead-dss may then follow the call to this
    // compartment's entries only).  Unchecked (policy indirect_calls =
    // "promote"): "bulkhead.icall.unchecked" (bulkhead-partition still knows
    // the entries of other compartments are taken care of).
    if (Map.config().CheckIndirectTargets) {
      insertCheck(CI, C);
      CI.setMetadata(IcallCheckedMDKind, MDNode::get(M.getContext(), {}));
    } else {
      CI.setMetadata(IcallUncheckedMDKind, MDNode::get(M.getContext(), {}));
    }
    Sites.push_back(json::Object{{"caller", CI.getFunction()->getName()},
                                 {"compartment", C},
                                 {"site", siteOf(CI)},
                                 {"checked", Map.config().CheckIndirectTargets},
                                 {"entries", std::move(Promoted)}});
  }

  /// Before the remaining indirect call: the target must be code of the
  /// caller's compartment or the shared text past the gates, else
  /// __bh_icall_violation.
  void insertCheck(CallInst &CI, unsigned C) {
    IRBuilder<> B(&CI);
    Type *IntPtr = M.getDataLayout().getIntPtrType(M.getContext());
    Value *T = B.CreatePtrToInt(CI.getCalledOperand(), IntPtr, "bh.target");
    auto Within = [&](const Twine &From, const Twine &To) {
      Value *S = B.CreatePtrToInt(linkerSymbol(M, From), IntPtr);
      Value *E = B.CreatePtrToInt(linkerSymbol(M, To), IntPtr);
      return B.CreateICmpULT(B.CreateSub(T, S), B.CreateSub(E, S));
    };
    // The shared text without the gates, which open the shared text: a pointer to
    // a gate stub would enter another compartment and come back in the stub's
    // caller domain, not the one that made the call.
    Value *Ok = B.CreateOr(
        Within(compartmentSymbol(C, "text_start"), compartmentSymbol(C, "text_end")),
        Within(GatesEndSymbol, SharedTextEndSymbol), "bh.target.ok");
    Instruction *Bad = SplitBlockAndInsertIfThen(B.CreateNot(Ok), &CI,
                                                 /*Unreachable=*/true);
    IRBuilder<> BB(Bad);
    CallInst *V = BB.CreateCall(violation(), {CI.getCalledOperand()});
    V->setDebugLoc(CI.getDebugLoc());
  }

  /// The manifest's indirect_calls (each site and the entries it may
  /// reach), callback_entries (the functions indirect calls of other
  /// compartments may reach, and why) and confined_functions (address-taken
  /// functions no other compartment may reach, and why).
  void record() {
    auto List = [&](ArrayRef<LegalEntry> Es) {
      json::Array A;
      for (const LegalEntry &E : Es)
        A.push_back(json::Object{{"name", E.F->getName()},
                                 {"compartment", E.Compartment},
                                 {"reason", E.Why}});
      return A;
    };
    std::string Text;
    raw_string_ostream(Text) << json::Value(json::Object{{"indirect_calls", std::move(Sites)},
                                                         {"callback_entries", List(Entries.all())},
                                                         {"confined_functions", List(Entries.confined())}});
    NamedMDNode *NMD = M.getOrInsertNamedMetadata(IcallMDName);
    NMD->clearOperands();
    NMD->addOperand(MDNode::get(M.getContext(), MDString::get(M.getContext(), Text)));
  }
};

} // namespace

PreservedAnalyses IndirectCallPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getModuleFlag(PartitionedFlag) || M.getNamedMetadata(IcallMDName))
    return PreservedAnalyses::all(); // a second run changes nothing
  // Without a map bulkhead-partition reports the configuration's errors.
  const CompartmentMap *Map = MAM.getResult<ConfigAnalysis>(M).map();
  if (!Map || !Map->config().GateTemplate)
    return PreservedAnalyses::all(); // no isolation (backend none): calls stay calls
  if (!IndirectCallGater(M, *Map, MAM.getResult<EntryAnalysis>(M)).run())
    return PreservedAnalyses::all();
  // The promotion compares targets with functions whose address was taken
  // already and adds direct calls: the legal entries stay what they were.
  PreservedAnalyses PA = PreservedAnalyses::none();
  PA.preserve<EntryAnalysis>();
  return PA;
}

} // namespace bulkhead
