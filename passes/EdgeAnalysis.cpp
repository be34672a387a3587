//===- EdgeAnalysis.cpp - collect compartment crossings -------------------===//

#include "EdgeAnalysis.h"
#include "Bulkhead.h"
#include "CompartmentMap.h"
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
  return GO.hasSection() && GO.getSection().starts_with(".bh.");
}

namespace {

/// Register classes of one argument under the System V x86-64 ABI, or a
/// reason why it is not passed in registers.
struct ArgClass {
  unsigned Ints = 0, Floats = 0;
  std::optional<std::string> Refuse;
};

ArgClass classifyArg(Type *T, unsigned No) {
  ArgClass C;
  std::string Arg = "argument " + std::to_string(No);
  if (T->isPointerTy()) {
    C.Ints = 1;
  } else if (auto *IT = dyn_cast<IntegerType>(T)) {
    if (IT->getBitWidth() <= 64)
      C.Ints = 1;
    else if (IT->getBitWidth() <= 128)
      C.Ints = 2;
    else
      C.Refuse = Arg + " is an integer wider than 128 bits (passed on the stack)";
  } else if (T->isX86_FP80Ty() || T->isFP128Ty()) {
    C.Refuse = Arg + " is x86_fp80/fp128 (passed on the stack)";
  } else if (T->isFloatingPointTy()) {
    C.Floats = 1;
  } else if (auto *VT = dyn_cast<FixedVectorType>(T)) {
    if (VT->getPrimitiveSizeInBits().getFixedValue() <= 128)
      C.Floats = 1;
    else
      C.Refuse = Arg + " is a vector wider than 16 bytes";
  } else if (T->isStructTy() || T->isArrayTy()) {
    C.Refuse = Arg + " is an IR struct/array (aggregate arguments are not "
                     "supported by the shared-stack gate)";
  } else {
    C.Refuse = Arg + " has a type the gate cannot pass";
  }
  return C;
}

/// Scalars the gate returns unchanged: rax/rdx, xmm0/xmm1 (and x87 st0).
bool isRegisterScalar(Type *T) {
  if (T->isPointerTy())
    return true;
  if (auto *IT = dyn_cast<IntegerType>(T))
    return IT->getBitWidth() <= 64;
  return T->isHalfTy() || T->isBFloatTy() || T->isFloatTy() || T->isDoubleTy();
}


/// Walks the module once and fills an EdgeSet.
class EdgeCollector {
public:
  EdgeCollector(Module &M, const CompartmentMap &Map) : M(M), Map(Map) {}

  EdgeSet run() {
    checkIdentities();
    if (!Out.Errors.empty())
      return std::move(Out); // placement is meaningless without identities
    for (Function &F : M)
      if (!F.isDeclaration())
        collectCalls(F);
    if (Map.config().GateTemplate)
      collectIndirectRisks();
    collectDataEdges();
    return std::move(Out);
  }

private:
  Module &M;
  const CompartmentMap &Map;
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
        if (!CallerNeutral && !CB->getMetadata("bulkhead.icall") &&
            !CB->getMetadata("bulkhead.icall.unchecked"))
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

  /// Records a cross-compartment call, or a refusal if no gate can pass it.
  void collectCrossing(CallBase &CB, Function &Caller, Function &Callee,
                       unsigned From, unsigned To) {
    if (Map.config().GateTemplate) {
      if (std::optional<std::string> Why = gateRefusalReason(CB, Callee)) {
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
    if (IndirectCalls.empty())
      return;
    SmallVector<std::pair<Function *, unsigned>, 16> Taken;
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || !C || Map.isNeutral(F))
        continue;
      if (isAddressTaken(F))
        Taken.push_back({&F, *C});
    }
    for (auto [CB, Y] : IndirectCalls) {
      std::string Names;
      for (auto [F, C] : Taken) {
        if (C == Y || F->getFunctionType() != CB->getFunctionType())
          continue;
        Names += (Names.empty() ? "'" : ", '") + F->getName().str() +
                 "' (compartment " + std::to_string(C) + ")";
      }
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
        if (GV.isConstant() && !Map.config().RodataPerCompartment)
          continue; // all constants live in the shared rodata anyway
        (*Y == *X ? E.Local : E.Foreign).push_back(F);
      }
      if (!E.Foreign.empty())
        Out.DataEdges.push_back(std::move(E));
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

bool isGateableReturn(Type *T) {
  // Not x86_fp80 (st0): the gate ABI carries rax, rdx, xmm0, xmm1 only (the
  // vm backend's RPC copies exactly those); an x87 result comes back in the
  // marshalling block.
  if (T->isVoidTy() || T->isPointerTy() || T->isFloatTy() || T->isDoubleTy() ||
      T->isHalfTy() || T->isBFloatTy())
    return true;
  if (auto *IT = dyn_cast<IntegerType>(T))
    return IT->getBitWidth() <= 128;
  if (auto *VT = dyn_cast<FixedVectorType>(T))
    return VT->getPrimitiveSizeInBits().getFixedValue() <= 128;
  if (auto *ST = dyn_cast<StructType>(T))
    return ST->getNumElements() <= 2 && all_of(ST->elements(), isRegisterScalar);
  return false;
}

RegisterUse registerUse(FunctionType *FT) {
  RegisterUse U;
  for (Type *T : FT->params()) {
    ArgClass C = classifyArg(T, 0);
    U.ArgInts += C.Ints;
    U.ArgVecs += C.Floats;
  }
  U.ArgInts = std::min(U.ArgInts, 6u);
  U.ArgVecs = std::min(U.ArgVecs, 8u);
  Type *R = FT->getReturnType();
  auto Add = [&U](Type *T) {
    if (T->isPointerTy() || T->isIntegerTy())
      U.RetInts += T->isIntegerTy() && T->getIntegerBitWidth() > 64 ? 2 : 1;
    else if (T->isFloatingPointTy() && !T->isX86_FP80Ty())
      U.RetVecs += 1;
    else if (T->isVectorTy())
      U.RetVecs += 1;
  };
  if (auto *ST = dyn_cast<StructType>(R))
    for (Type *E : ST->elements())
      Add(E);
  else if (!R->isVoidTy())
    Add(R);
  U.RetInts = std::min(U.RetInts, 2u);
  U.RetVecs = std::min(U.RetVecs, 2u);
  return U;
}

std::optional<std::string> gateRefusalReason(const CallBase &Call,
                                             const Function &Callee) {
  FunctionType *FT = Callee.getFunctionType();
  if (FT->isVarArg())
    return std::string("the callee is variadic (the gate cannot forward "
                       "variadic arguments)");
  unsigned Ints = 0, Floats = 0;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I) {
    for (Attribute::AttrKind K :
         {Attribute::ByVal, Attribute::InAlloca, Attribute::Preallocated})
      if (Call.paramHasAttr(I, K) || Callee.hasParamAttribute(I, K))
        return "argument " + std::to_string(I) + " is " +
               Attribute::getNameFromAttrKind(K).str() +
               " (passed on the stack)";
    ArgClass C = classifyArg(FT->getParamType(I), I);
    if (C.Refuse)
      return C.Refuse;
    Ints += C.Ints;
    Floats += C.Floats;
  }
  if (Ints > 6)
    return std::to_string(Ints) +
           " integer-class argument registers needed (at most 6; the rest "
           "would be on the stack)";
  if (Floats > 8)
    return std::to_string(Floats) +
           " float/vector arguments (at most 8 in xmm0-7; the rest would be "
           "on the stack)";
  if (!isGateableReturn(FT->getReturnType()))
    return std::string("the return type is not returned in rax/rdx/xmm0/xmm1");
  return std::nullopt;
}

bool isMarshallable(const CallBase &Call, const Function &Callee) {
  FunctionType *FT = Callee.getFunctionType();
  if (!isa<CallInst>(Call) || Call.isMustTailCall() ||
      Call.getFunctionType() != FT)
    return false;
  // Variadic arguments: the thunk is made for this call's argument types.
  for (unsigned I = FT->getNumParams(), E = Call.arg_size(); I != E; ++I)
    if (Call.paramHasAttr(I, Attribute::ByVal) ||
        !Call.getArgOperand(I)->getType()->isFirstClassType())
      return false;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I) {
    for (Attribute::AttrKind K :
         {Attribute::InAlloca, Attribute::Preallocated, Attribute::Nest,
          Attribute::SwiftSelf, Attribute::SwiftError, Attribute::SwiftAsync})
      if (Call.paramHasAttr(I, K) || Callee.hasParamAttribute(I, K))
        return false;
    bool ByVal = Call.paramHasAttr(I, Attribute::ByVal) ||
                 Callee.hasParamAttribute(I, Attribute::ByVal);
    if (ByVal != Callee.hasParamAttribute(I, Attribute::ByVal) ||
        (ByVal && !Callee.getParamByValType(I)))
      return false; // the callee's definition says how much to copy
    Type *T = FT->getParamType(I);
    if (!T->isFirstClassType() || !T->isSized())
      return false;
  }
  return true;
}

EdgeSet collectEdges(Module &M, const CompartmentMap &Map) {
  return EdgeCollector(M, Map).run();
}

} // namespace bulkhead
