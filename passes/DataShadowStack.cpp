//===- DataShadowStack.cpp - bulkhead-dss: stack data that crosses ---------===//
//
// With private stacks (mpk stack = "private") a compartment's stack carries its
// key, so a pointer to a local that reaches another compartment faults there.
// This pass finds every such local -- its address passed to a function of
// another compartment, stored to memory, returned, or handed to code it cannot
// see -- and moves its uses to the local's shadow on the data shadow stack
// (DSS): the same offset from the compartment's DSS as the local has from the
// compartment's stack, in shared memory (the linker script's
// __bh_c<i>_dss_delta = stack bottom - DSS bottom).  No source annotation.
// Before each return the shadows are zeroed, so a pointer kept past the frame
// (into the shared DSS) finds nothing.
//
// Runs at FullLinkTimeOptimizationEarly, before bulkhead-partition (which
// turns the crossings it looks at into gates).  Like SafeStack.cpp: run()
// filters, a worker collects (escape analysis, with a fixed point over the
// parameters of each compartment's functions), then rewrites.
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/JSON.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumShadowed, "Stack allocations moved to the data shadow stack");

namespace bulkhead {

namespace {

/// Why a pointer escapes its compartment's stack, or nothing.
using Escape = std::optional<std::string>;

class ShadowStacker {
public:
  ShadowStacker(Module &M, const CompartmentMap &Map) : M(M), Map(Map) {}

  bool run() {
    collectTargets();
    collectParams();
    bool Changed = shareEscapingGlobals();
    SmallVector<std::pair<AllocaInst *, std::string>, 16> Moves;
    for (Function &F : M) {
      if (!privateStack(F))
        continue;
      for (Instruction &I : instructions(F))
        if (auto *A = dyn_cast<AllocaInst>(&I))
          if (Escape Why = escapes(A))
            Moves.push_back({A, *Why});
    }
    if (Moves.empty()) {
      if (Changed)
        record();
      return Changed;
    }
    DenseMap<Function *, SmallVector<std::pair<Value *, uint64_t>, 4>> Scrub;
    const bool OnHeap = Map.config().StackDataOnSharedHeap;
    for (auto &[A, Why] : Moves) {
      std::optional<TypeSize> Size = A->getAllocationSize(M.getDataLayout());
      // The shared heap needs a size known here and at most its 16-byte alignment.
      bool Heap = OnHeap && Size && !Size->isScalable() && A->getAlign() <= Align(16);
      Value *Shadow = Heap ? heapShadow(A, Size->getFixedValue(), Why) : shadow(A, Why);
      if (Size && !Size->isScalable())
        Scrub[A->getFunction()].push_back({Shadow, Heap ? ~Size->getFixedValue()
                                                        : Size->getFixedValue()});
    }
    for (auto &[F, Slots] : Scrub)
      scrubOnReturn(*F, Slots);
    record();
    return true;
  }

private:
  Module &M;
  const CompartmentMap &Map;
  /// Pointer parameters that may carry their pointee out of the compartment.
  DenseMap<const Argument *, std::string> ExportedParams;
  /// (compartment, function type) -> address-taken functions (collectTargets).
  DenseMap<std::pair<unsigned, FunctionType *>, SmallVector<const Function *, 4>> Targets;
  json::Array Moved, EscapedGlobals;

  /// The compartment of \p F if it runs on a private stack.
  std::optional<unsigned> privateStack(const Function &F) const {
    if (F.isDeclaration() || Map.isNeutral(F))
      return std::nullopt;
    std::optional<unsigned> C = Map.compartmentOf(F);
    if (!C)
      return std::nullopt;
    const auto &Opts = Map.config().Compartments[*C].Options;
    auto It = Opts.find("stack");
    if (It == Opts.end() || It->second != "private")
      return std::nullopt;
    return C;
  }

  /// Whether a call passing a pointer as argument \p ArgNo exports it.
  Escape callExports(const CallBase &Call, unsigned ArgNo, const Function &Caller) const {
    if (Call.isInlineAsm())
      return std::nullopt; // runs here, in the caller's domain (lidt, cpuid, ...)
    const Function *Callee = dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
    if (!Callee)
      return indirectExports(Call, ArgNo, Caller);
    if (Callee->isIntrinsic())
      return std::nullopt; // memcpy/memset/lifetime: values move, the pointer does not
    if (Map.isNeutral(*Callee))
      return std::nullopt; // runs in the caller's domain, keeps no state
    if (Callee->isDeclaration())
      return ("passed to '" + Callee->getName() + "', defined outside the LTO module").str();
    std::optional<unsigned> From = Map.compartmentOf(Caller), To = Map.compartmentOf(*Callee);
    if (From != To)
      return ("passed to '" + Callee->getName() + "' in compartment " +
              (To ? std::to_string(*To) : std::string("?")))
          .str();
    return paramExports(*Callee, ArgNo, /*ThroughPointer=*/false);
  }

  /// Whether \p F exports the pointer it gets as argument \p ArgNo (its
  /// parameter is in ExportedParams, or the argument is variadic).
  Escape paramExports(const Function &F, unsigned ArgNo, bool ThroughPointer) const {
    StringRef Via = ThroughPointer ? "through a pointer to " : "to ";
    if (ArgNo >= F.arg_size())
      return ("passed as a variadic argument " + Twine(ThroughPointer ? Via : "of ") + "'" +
              F.getName() + "'")
          .str();
    auto It = ExportedParams.find(F.getArg(ArgNo));
    if (It != ExportedParams.end())
      return ("passed " + Via + "'" + F.getName() + "', whose argument " + Twine(ArgNo) + " is " +
              It->second)
          .str();
    return std::nullopt;
  }

  /// Follows \p Root through address computations; the first use that
  /// exports it, with its reason.
  Escape escapes(const Value *Root) const {
    SmallVector<const Value *, 16> Work{Root};
    SmallPtrSet<const Value *, 16> Seen{Root};
    while (!Work.empty()) {
      const Value *V = Work.pop_back_val();
      for (const Use &U : V->uses()) {
        const auto *I = dyn_cast<Instruction>(U.getUser());
        if (!I) {
          // A global's address inside a constant: follow address arithmetic; anything else (an
          // initializer, a table) puts the address in memory.
          const auto *CE = dyn_cast<ConstantExpr>(U.getUser());
          if (CE && (CE->getOpcode() == Instruction::GetElementPtr || CE->isCast()) &&
              CE->getOpcode() != Instruction::PtrToInt) {
            if (Seen.insert(CE).second)
              Work.push_back(CE);
            continue;
          }
          return std::string("its address is in a constant or another global's initializer");
        }
        const Function &F = *I->getFunction();
        if (isa<GetElementPtrInst, BitCastInst, AddrSpaceCastInst, SelectInst, PHINode>(I)) {
          if (Seen.insert(I).second)
            Work.push_back(I);
        } else if (const auto *S = dyn_cast<StoreInst>(I)) {
          if (S->getValueOperand() == V)
            return std::string("stored to memory");
        } else if (const auto *C = dyn_cast<CallBase>(I)) {
          if (C->isArgOperand(&U))
            if (Escape E = callExports(*C, C->getArgOperandNo(&U), F))
              return E;
          if (C->getCalledOperand() == V)
            return std::string("called");
        } else if (isa<ReturnInst>(I)) {
          return std::string("returned");
        } else if (isa<PtrToIntInst, AtomicCmpXchgInst, AtomicRMWInst>(I)) {
          if (!isa<AtomicCmpXchgInst>(I) || cast<AtomicCmpXchgInst>(I)->getNewValOperand() == V)
            return std::string("converted to an integer or stored atomically");
        }
        // loads, compares, ... read through the pointer or look at it: fine
      }
    }
    return std::nullopt;
  }

  /// Under policies.shared_globals = "escape": moves every global whose
  /// address may reach another compartment to the shared region, so a program
  /// that hands out pointers to its globals runs as it did unisolated.
  bool shareEscapingGlobals() {
    if (!Map.config().ShareEscapingGlobals)
      return false;
    bool Changed = false;
    for (GlobalVariable &G : M.globals()) {
      if (G.isDeclaration() || G.getMetadata(EscapedMDKind) ||
          (G.hasSection() && G.getSection().starts_with(".bh.")))
        continue;
      std::optional<unsigned> C = Map.compartmentOf(G);
      // System components (the kernel, the backend runtime) share only explicitly: the kernel's
      // page-table pool or trap state "escapes" into hardware structures, never to a compartment.
      if (!C || Map.isSystem(G))
        continue;
      Escape Why = escapes(&G);
      if (!Why)
        continue;
      // bulkhead-partition places it in the shared region (data, bss or rodata as it does for
      // every shared global).
      G.setMetadata(EscapedMDKind, MDNode::get(M.getContext(), {}));
      EscapedGlobals.push_back(json::Object{{"name", G.getName()},
                                            {"compartment", *C},
                                            {"reason", *Why}});
      Changed = true;
    }
    return Changed;
  }

  /// An indirect call.  If bulkhead-icall rewrote it, the legal targets of
  /// other compartments are direct calls of their own (seen like any call) and
  /// the call left can only reach this compartment's code or the shared text
  /// (anything else stops at the check): its targets are this compartment's
  /// address-taken functions of the call's type.  The pointer escapes if one
  /// of them exports that parameter, or if no such function is known.
  Escape indirectExports(const CallBase &Call, unsigned ArgNo, const Function &Caller) const {
    if (!Call.getMetadata("bulkhead.icall"))
      return std::string("passed to an indirect call");
    std::optional<unsigned> From = Map.compartmentOf(Caller);
    auto It = From ? Targets.find({*From, Call.getFunctionType()}) : Targets.end();
    if (It == Targets.end())
      return std::string("passed to an indirect call with no known target");
    for (const Function *F : It->second) {
      if (!F) // an address-taken declaration (assembly): cannot be followed
        return std::string("passed to an indirect call that may reach code outside the LTO module");
      if (Escape E = paramExports(*F, ArgNo, /*ThroughPointer=*/true))
        return E;
    }
    return std::nullopt;
  }

  /// The possible targets of indirect calls left by bulkhead-icall: for each
  /// (compartment, function type), the compartment's address-taken functions
  /// (nullptr stands for address-taken declarations, which every compartment
  /// may reach in the shared text).  Neutral functions keep no state.
  void collectTargets() {
    SmallVector<const Function *, 8> Declared;
    for (const Function &F : M) {
      if (F.isIntrinsic() || !isAddressTaken(F))
        continue;
      if (F.isDeclaration()) {
        Declared.push_back(&F);
        continue;
      }
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (C && !Map.isNeutral(F))
        Targets[{*C, F.getFunctionType()}].push_back(&F);
    }
    for (const Function *D : Declared)
      for (unsigned C = 0; C < Map.config().Compartments.size(); ++C)
        Targets[{C, D->getFunctionType()}].push_back(nullptr);
  }

  /// The pointer parameters that export, to a fixed point (calls between
  /// functions of one compartment pass pointers along).
  void collectParams() {
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (Function &F : M) {
        if (F.isDeclaration() || Map.isNeutral(F) || !Map.compartmentOf(F))
          continue;
        for (Argument &A : F.args()) {
          if (!A.getType()->isPointerTy() || ExportedParams.count(&A))
            continue;
          if (Escape Why = escapes(&A)) {
            ExportedParams[&A] = "exported (" + *Why + ")";
            Changed = true;
          }
        }
      }
    }
  }

  /// The source name and line of \p A, from its debug declaration.
  static std::pair<std::string, unsigned> describe(AllocaInst *A) {
    for (DbgDeclareInst *D : findDbgDeclares(A))
      return {D->getVariable()->getName().str(), D->getVariable()->getLine()};
    for (DbgVariableRecord *R : findDVRDeclares(A))
      return {R->getVariable()->getName().str(), R->getVariable()->getLine()};
    return {"", 0};
  }

  /// Zeroes the shadows of \p F's moved locals before each of its returns:
  /// the DSS is shared memory, so a pointer kept after the frame is gone
  /// (a stale pointer) reads zeros, not the data that was shared during the call.
  /// A slot whose size is stored complemented came from the shared heap
  /// (policy stack_data = "shared-heap"): bh_stack_unshare zeroes and frees it.
  void scrubOnReturn(Function &F, ArrayRef<std::pair<Value *, uint64_t>> Slots) {
    for (BasicBlock &BB : F)
      if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator())) {
        IRBuilder<> B(Ret);
        for (auto [Shadow, Bytes] : Slots) {
          if (Bytes >> 63)
            B.CreateCall(unshareFn(), {Shadow, B.getInt64(~Bytes)})
                ->setDebugLoc(callLoc(F, Ret->getDebugLoc()));
          else
            B.CreateMemSet(Shadow, B.getInt8(0), Bytes, MaybeAlign(1), /*isVolatile=*/true);
        }
      }
  }

  /// A location for an inserted call (the verifier wants one on every
  /// inlinable call in a function with debug info): \p Near, else line 0.
  static DebugLoc callLoc(Function &F, DebugLoc Near) {
    if (Near)
      return Near;
    if (DISubprogram *SP = F.getSubprogram())
      return DILocation::get(F.getContext(), 0, 0, SP);
    return DebugLoc();
  }

  FunctionCallee shareFn() {
    LLVMContext &Ctx = M.getContext();
    return M.getOrInsertFunction("bh_stack_share", PointerType::getUnqual(Ctx), Type::getInt64Ty(Ctx));
  }

  FunctionCallee unshareFn() {
    LLVMContext &Ctx = M.getContext();
    return M.getOrInsertFunction("bh_stack_unshare", Type::getVoidTy(Ctx), PointerType::getUnqual(Ctx),
                                 Type::getInt64Ty(Ctx));
  }

  /// Policy stack_data = "shared-heap": every use of \p A (but lifetime
  /// markers and debug declarations) goes to a block of the shared heap,
  /// allocated where A is (bh_stack_share, a neutral kernel function that
  /// stops the image if the shared heap is exhausted) and zeroed and freed
  /// before each return.  setjmp/longjmp past the frame leaks the block.
  Value *heapShadow(AllocaInst *A, uint64_t Bytes, const std::string &Why) {
    Function &F = *A->getFunction();
    unsigned C = *privateStack(F);
    IRBuilder<> B(A->getNextNode());
    CallInst *Block = B.CreateCall(shareFn(), {B.getInt64(Bytes)},
                                   A->hasName() ? A->getName() + ".heap" : "heap");
    Block->setDebugLoc(callLoc(F, A->getDebugLoc()));
    redirectUses(A, Block, nullptr);
    ++NumShadowed;
    recordMove(A, F, C, Why, "shared-heap");
    return Block;
  }

  /// Rewrites every use of \p A but its lifetime markers and debug
  /// declarations to its shadow: A + (DSS bottom - stack bottom).  The shadow
  /// is formed through integers so no optimizer takes it for a pointer into A.
  Value *shadow(AllocaInst *A, const std::string &Why) {
    Function &F = *A->getFunction();
    unsigned C = *privateStack(F);
    GlobalVariable *Delta = deltaSymbol(C);
    IRBuilder<> B(A->getNextNode());
    Type *IntPtr = B.getInt64Ty();
    Value *Addr = B.CreatePtrToInt(A, IntPtr);
    Value *Off = B.CreatePtrToInt(Delta, IntPtr);
    Value *Shadow = B.CreateIntToPtr(B.CreateSub(Addr, Off), A->getType(),
                                     A->hasName() ? A->getName() + ".dss" : "dss");
    redirectUses(A, Shadow, Addr);
    ++NumShadowed;
    recordMove(A, F, C, Why, "dss");
    return Shadow;
  }

  /// Every use of \p A but its lifetime markers, debug declarations and
  /// \p Keep (the shadow's own address computation) now uses \p To.
  static void redirectUses(AllocaInst *A, Value *To, const Value *Keep) {
    A->replaceUsesWithIf(To, [&](Use &U) {
      const auto *I = dyn_cast<Instruction>(U.getUser());
      if (!I || I == Keep)
        return false;
      if (const auto *II = dyn_cast<IntrinsicInst>(I))
        if (II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II))
          return false;
      return true;
    });
  }

  /// One entry of the manifest's shadow_locals.
  void recordMove(AllocaInst *A, Function &F, unsigned C, const std::string &Why,
                  StringRef Strategy) {
    auto [Name, Line] = describe(A);
    std::string Site = Line ? (F.getSubprogram() ? F.getSubprogram()->getFilename().str() : "") + ":" +
                                  std::to_string(Line)
                            : "";
    Moved.push_back(json::Object{{"function", F.getName()},
                                 {"local", Name},
                                 {"site", Site},
                                 {"compartment", C},
                                 {"bytes", A->getAllocationSize(M.getDataLayout())
                                               ? (int64_t)A->getAllocationSize(M.getDataLayout())
                                                     ->getKnownMinValue()
                                               : -1},
                                 {"reason", Why},
                                 {"strategy", Strategy}});
  }

  /// __bh_c<i>_dss_delta: an absolute symbol of the linker script.
  GlobalVariable *deltaSymbol(unsigned C) {
    std::string Name = "__bh_c" + std::to_string(C) + "_dss_delta";
    if (GlobalVariable *G = M.getNamedGlobal(Name))
      return G;
    auto *G = new GlobalVariable(M, Type::getInt8Ty(M.getContext()), /*isConstant=*/true,
                                 GlobalValue::ExternalLinkage, nullptr, Name);
    G->setDSOLocal(true); // an absolute symbol of the static image: no GOT
    return G;
  }

  /// Leaves the moved locals and shared escaping globals for the manifest in
  /// !bulkhead.dss.
  void record() {
    std::string Text;
    raw_string_ostream(Text) << json::Value(json::Object{
        {"shadow_locals", std::move(Moved)}, {"escaping_globals", std::move(EscapedGlobals)}});
    NamedMDNode *NMD = M.getOrInsertNamedMetadata(DssMDName);
    NMD->clearOperands();
    NMD->addOperand(MDNode::get(M.getContext(), MDString::get(M.getContext(), Text)));
  }
};

} // namespace

PreservedAnalyses DataShadowStackPass::run(Module &M, ModuleAnalysisManager &) {
  if (M.getModuleFlag(PartitionedFlag) || M.getNamedMetadata(DssMDName))
    return PreservedAnalyses::all(); // a second run changes nothing
  Expected<CompartmentMap> Map = CompartmentMap::fromModule(M);
  if (!Map) {
    consumeError(Map.takeError()); // bulkhead-partition reports configuration errors
    return PreservedAnalyses::all();
  }
  return ShadowStacker(M, *Map).run() ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace bulkhead
