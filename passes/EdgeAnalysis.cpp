//===- EdgeAnalysis.cpp - collect compartment crossings -------------------===//

#include "EdgeAnalysis.h"
#include "Bulkhead.h"
#include "Analysis.h"
#include "CompartmentMap.h"
#include "Marshal.h"
#include "SysVAbi.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

namespace bulkhead {

std::string Refusal::message() const {
  std::string Where = Site.empty() ? "" : " (" + Site + ")";
  if (Callee.empty())
    return "indirect call in '" + Caller + "'" + Where + ": " + Reason;
  return "cannot gate the call from '" + Caller + "' to '" + Callee + "'" +
         Where + ": " + Reason;
}

std::string siteOf(const Instruction &I) {
  if (const DILocation *L = I.getDebugLoc().get())
    return (L->getFilename() + ":" + Twine(L->getLine())).str();
  return "";
}

bool hasSystemSection(const GlobalObject &GO) {
  return GO.hasSection() && isBulkheadSection(GO.getSection());
}

namespace {

/// Walks the module once and fills an EdgeSet.
class EdgeCollector {
public:
  EdgeCollector(Module &M, const CompartmentMap &Map, const LegalEntries &Entries)
      : M(M), Map(Map), Entries(Entries) {}

  EdgeSet run() {
    checkIdentities();
    if (!Out.Errors.empty())
      return std::move(Out); // placement is meaningless without identities
    checkConfinement(M, Map, Out.Errors);
    for (Function &F : M)
      if (!F.isDeclaration())
        collectCalls(F);
    if (Map.config().GateTemplate)
      collectIndirectRisks();
    collectDataEdges();
    collectFunctionReferences();
    return std::move(Out);
  }

private:
  Module &M;
  const CompartmentMap &Map;
  const LegalEntries &Entries;
  EdgeSet Out;
  /// Indirect calls of tagged, non-neutral functions: (call, compartment).
  SmallVector<std::pair<CallBase *, unsigned>, 16> IndirectCalls;

  /// Definitions the pass leaves alone when untagged.
  static bool isExempt(const GlobalObject &GO) {
    return GO.getName().starts_with("llvm.") || hasSystemSection(GO);
  }

  /// Every definition must be tagged with a configured component.
  void checkIdentities() {
    auto Check = [&](const GlobalObject &GO, StringRef What) {
      if (GO.isDeclaration())
        return;
      std::optional<StringRef> C = CompartmentMap::componentOf(GO);
      if (!C) {
        if (!isExempt(GO))
          Out.Errors.push_back(
              (What + " '" + GO.getName() +
               "' was not compiled as a bulkhead component (no "
               "!bulkhead.component tag; run bulkhead-tag<NAME> on its module)")
                  .str());
        return;
      }
      if (!Map.compartmentOfComponent(*C))
        Out.Errors.push_back((What + " '" + GO.getName() +
                              "' belongs to component '" + *C +
                              "', which is in no compartment of configuration '" +
                              Map.config().Name + "'")
                                 .str());
    };
    for (const Function &F : M)
      Check(F, "function");
    for (const GlobalVariable &GV : M.globals())
      Check(GV, "global");
  }

  /// Classifies every call made by \p Caller.
  void collectCalls(Function &Caller) {
    std::optional<unsigned> From = Map.compartmentOf(Caller);
    if (!From)
      return; // untagged system code (explicit .bh.* section)
    bool CallerNeutral = Map.isNeutral(Caller);
    for (Instruction &I : instructions(Caller)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || CB->isInlineAsm())
        continue;
      auto *Callee =
          dyn_cast<Function>(CB->getCalledOperand()->stripPointerCasts());
      if (!Callee) {
        // bulkhead-icall rewrote it: the targets of other compartments are
        // direct calls now, and anything else is checked before the call.
        if (!CallerNeutral && !CB->getMetadata(IcallCheckedMDKind) &&
            !CB->getMetadata(IcallUncheckedMDKind))
          IndirectCalls.push_back({CB, *From});
        continue;
      }
      if (Callee->isIntrinsic() || Callee->isDeclaration())
        continue; // assembly-defined or library code: not a gate
      std::optional<unsigned> To = Map.compartmentOf(*Callee);
      if (!To)
        continue;
      bool CalleeNeutral = Map.isNeutral(*Callee);
      if (CallerNeutral) {
        if (!CalleeNeutral)
          Out.Errors.push_back(
              ("neutral function '" + Caller.getName() + "' calls '" +
               Callee->getName() + "' of component '" +
               *CompartmentMap::componentOf(*Callee) +
               "', which is not neutral; neutral functions may call only "
               "neutral functions")
                  .str());
        continue;
      }
      if (CalleeNeutral || *To == *From)
        continue;
      collectCrossing(*CB, Caller, *Callee, *From, *To);
    }
  }

  /// Least privilege (component.toml `exports`, the configuration's
  /// `calls`): why the call from \p From to \p Callee in \p To is not
  /// allowed, or None.
  /// A call bulkhead-icall promoted (metadata bulkhead.icall) reaches a
  /// legal callback entry, whose address escaped its compartment
  /// (EntryAnalysis: never a system function unless exported): the callback
  /// rule, not the exports list, decides it.
  std::optional<std::string> forbidden(const CallBase &CB, const Function &Callee,
                                       unsigned From, unsigned To) const {
    bool Promoted = CB.getMetadata(IcallCheckedMDKind) != nullptr;
    if (!Promoted && !Map.isExported(Callee))
      return ("'" + Callee.getName() + "' is not exported by component '" +
              *CompartmentMap::componentOf(Callee) + "'" + Map.exportsWhere(Callee) +
              ": add it to that component's exports, or do not call it from another "
              "compartment")
          .str();
    if (!Map.mayCall(From, To)) {
      const auto &Cs = Map.config().Compartments;
      return "compartment " + Cs[From].Name + " may not call compartment " + Cs[To].Name +
             " (its calls = [" + join(*Cs[From].Calls, ", ") + "]): add '" + Cs[To].Name +
             "' to calls of compartment " + Cs[From].Name + " in the configuration";
    }
    return std::nullopt;
  }

  /// Records a cross-compartment call, or a refusal if no gate can pass it.
  void collectCrossing(CallBase &CB, Function &Caller, Function &Callee,
                       unsigned From, unsigned To) {
    if (std::optional<std::string> Why = forbidden(CB, Callee, From, To)) {
      Out.Refusals.push_back({Caller.getName().str(), Callee.getName().str(), siteOf(CB), *Why});
      return;
    }
    if (Map.config().GateTemplate) {
      if (std::optional<std::string> Why = sysv::registerPassingProblem(CB, Callee)) {
        // A marshalling thunk passes anything a direct call can: the block
        // lives on the caller's stack, or on its data shadow stack when
        // that stack is private (bulkhead-partition).
        if (isMarshallable(CB, Callee)) {
          LLVM_DEBUG(dbgs() << "bulkhead: marshal " << Caller.getName()
                            << " -> " << Callee.getName() << ": " << *Why
                            << "\n");
          Out.Crossings.push_back({&CB, &Caller, &Callee, From, To, true});
          return;
        }
        // A musttail call must stay a tail call with the caller's own
        // frame: no thunk can stand between the two.  Say so, since the
        // register reason alone suggests a thunk would have carried it.
        if (CB.isMustTailCall())
          *Why += "; a musttail call cannot go through a marshalling thunk "
                  "(drop musttail, or pass at most 6 integer and 8 vector "
                  "arguments)";
        LLVM_DEBUG(dbgs() << "bulkhead: refuse " << Caller.getName() << " -> "
                          << Callee.getName() << ": " << *Why << "\n");
        Out.Refusals.push_back({Caller.getName().str(), Callee.getName().str(),
                                siteOf(CB), *Why});
        return;
      }
    }
    LLVM_DEBUG(dbgs() << "bulkhead: crossing " << Caller.getName() << " (c"
                      << From << ") -> " << Callee.getName() << " (c" << To
                      << ")\n");
    Out.Crossings.push_back({&CB, &Caller, &Callee, From, To});
  }

  /// Refuses indirect calls that may reach an address-taken function of
  /// another compartment (same function type).
  void collectIndirectRisks() {
    for (auto [CB, Y] : IndirectCalls) {
      std::string Names;
      for (const LegalEntry &E : Entries.foreign(Y, CB->getFunctionType()))
        Names += (Names.empty() ? "'" : ", '") + E.F->getName().str() +
                 "' (compartment " + std::to_string(E.Compartment) + ")";
      if (Names.empty())
        continue;
      Out.Refusals.push_back(
          {CB->getFunction()->getName().str(), "", siteOf(*CB),
           "may reach " + Names +
               "; bulkhead-icall cannot split this indirect call (musttail, invoke or "
               "callbr) into gated direct calls"});
    }
  }

  /// Collects the functions that use \p V, through constant expressions and
  /// other globals' initializers.
  static void functionUsers(const Value *V, SetVector<Function *> &Users,
                            SmallPtrSetImpl<const Value *> &Visited) {
    for (const User *U : V->users()) {
      if (!Visited.insert(U).second)
        continue;
      if (const auto *I = dyn_cast<Instruction>(U))
        Users.insert(const_cast<Function *>(I->getFunction()));
      else if (isa<Constant>(U) && !isa<Function>(U))
        functionUsers(U, Users, Visited);
    }
  }

  /// Finds globals used outside their compartment, and neutral violations.
  void collectDataEdges() {
    for (GlobalVariable &GV : M.globals()) {
      if (GV.isDeclaration() || isExempt(GV))
        continue;
      std::optional<unsigned> X = Map.compartmentOf(GV);
      if (!X)
        continue;
      SetVector<Function *> Users;
      SmallPtrSet<const Value *, 16> Visited;
      functionUsers(&GV, Users, Visited);
      DataEdge E{&GV, *X, {}, {}};
      for (Function *F : Users) {
        std::optional<unsigned> Y = Map.compartmentOf(*F);
        if (!Y)
          continue;
        if (Map.isNeutral(*F)) {
          checkNeutralUse(*F, GV);
          continue;
        }
        if (*Y != *X && !Map.isExported(GV))
          notExported(GV, *F); // constants included: the kernel's internals stay its own
        if (GV.isConstant() && !Map.config().RodataPerCompartment)
          continue; // all constants live in the shared rodata anyway
        (*Y == *X ? E.Local : E.Foreign).push_back(F);
      }
      if (!E.Foreign.empty())
        Out.DataEdges.push_back(std::move(E));
    }
  }

  /// Where \p F uses \p GO ("file:line" of the first instruction that
  /// does, through constant expressions), else F's own line, else "".
  static std::string useSite(const Function &F, const GlobalObject &GO) {
    for (const Instruction &I : instructions(F))
      for (const Value *Op : I.operands()) {
        SmallVector<const Value *, 4> Work{Op};
        while (!Work.empty()) {
          const Value *V = Work.pop_back_val();
          if (V == &GO) {
            if (std::string S = siteOf(I); !S.empty())
              return S;
            goto FunctionLine;
          }
          if (const auto *CE = dyn_cast<ConstantExpr>(V))
            Work.append(CE->op_begin(), CE->op_end());
        }
      }
  FunctionLine:
    if (const DISubprogram *SP = F.getSubprogram())
      return (SP->getFilename() + ":" + Twine(SP->getLine())).str();
    return "";
  }

  /// \p User, of another compartment, references \p GO, which its
  /// component does not export.
  void notExported(const GlobalObject &GO, const Function &User) {
    std::string Site = useSite(User, GO);
    Out.Errors.push_back(
        ((isa<Function>(GO) ? "function '" : "global '") + GO.getName() + "' of component '" +
         *CompartmentMap::componentOf(GO) + "' is not exported" + Map.exportsWhere(GO) + ", but '" +
         User.getName() + "'" + (Site.empty() ? "" : " (" + Site + ")") + " of compartment " +
         Map.config().Compartments[*Map.compartmentOf(User)].Name +
         " references it: add it to that component's exports, or keep the reference in its "
         "compartment")
            .str());
  }

  /// A function of a component that declares exports, not listed there,
  /// whose address is taken by code of another compartment.
  void collectFunctionReferences() {
    for (Function &F : M) {
      std::optional<unsigned> X = Map.compartmentOf(F);
      if (F.isDeclaration() || !X || Map.isNeutral(F) || Map.isExported(F))
        continue;
      SetVector<Function *> Users;
      SmallPtrSet<const Value *, 16> Visited;
      for (const Use &U : F.uses()) {
        const auto *CB = dyn_cast<CallBase>(U.getUser());
        if (CB && CB->isCallee(&U))
          continue; // a direct call: a crossing, checked as one
        if (const auto *Cmp = dyn_cast<ICmpInst>(U.getUser());
            Cmp && Cmp->getMetadata(IcallCheckedMDKind))
          continue; // bulkhead-icall's promotion compares a pointer with
                    // each legal callback entry: not the source's reference
        if (const auto *I = dyn_cast<Instruction>(U.getUser()))
          Users.insert(const_cast<Function *>(I->getFunction()));
        else if (isa<Constant>(U.getUser()) && !isa<GlobalValue>(U.getUser()))
          functionUsers(U.getUser(), Users, Visited);
      }
      for (Function *G : Users)
        if (std::optional<unsigned> Y = Map.compartmentOf(*G); Y && *Y != *X && !Map.isNeutral(*G))
          notExported(F, *G);
    }
  }

  /// A neutral function may reference constants only.
  void checkNeutralUse(Function &F, GlobalVariable &GV) {
    if (GV.isConstant()) {
      Out.NeutralConstants.insert(&GV);
      return;
    }
    Out.Errors.push_back(
        ("neutral function '" + F.getName() + "' references writable global '" +
         GV.getName() + "' of component '" +
         *CompartmentMap::componentOf(GV) +
         "'; neutral functions may reference only constants, neutral "
         "functions, and globals placed explicitly in .bh.shared.*")
            .str());
  }
};

} // namespace

bool isAddressTaken(const Function &F) {
  return F.hasAddressTaken(nullptr, /*IgnoreCallbackUses=*/false,
                           /*IgnoreAssumeLikeCalls=*/true, /*IgnoreLLVMUsed=*/true);
}

EdgeSet collectEdges(Module &M, const CompartmentMap &Map, const LegalEntries &Entries) {
  return EdgeCollector(M, Map, Entries).run();
}

} // namespace bulkhead
