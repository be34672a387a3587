//===- DataShadowStack.cpp - bulkhead-dss: stack data that crosses ---------===//
//
// With private stacks (the configuration's per-compartment fact "dss": mpk's
// stack = "private", every machine of backend vm) a compartment's stack is its
// own (its key; its machine's RAM), so a pointer to a local that reaches
// another compartment faults there.
// This pass finds every such local -- its address passed to a function of
// another compartment, stored to memory, returned, or handed to code it cannot
// see -- and moves its uses to the local's shadow on the data shadow stack
// (DSS): the same offset from the compartment's DSS as the local has from the
// compartment's stack, in shared memory (the linker script's
// __bh_c<i>_dss_delta = stack bottom - DSS bottom).  No source annotation.
// Before each return the shadows are zeroed, so a pointer kept past the frame
// (into the shared DSS) finds nothing.
//
// For [threads] dss = "owner" (kernel/dss.c) it also tells which compartments
// only *lend* their stack data: every moved local of theirs is captured by
// nobody (no callee keeps a copy of its address past the call, LLVM's sense of
// nocapture, found by the same walk with a fixed point over every function's
// parameters).  Their slots of a switched-out thread can carry their own key
// without stopping a correct program: nobody else may hold the address while
// the thread is away.  The mask goes into the kernel's bh_dss_parkable.
//
// Memory the ABI puts on the stack behind the program's back is moved too: a
// by-value (byval) parameter whose address leaves is first copied into a local
// of its own, and a va_list that leaves gets copies of the register-save area
// and of the stack arguments (the overflow area) that va_start points it at.
//
// Runs at FullLinkTimeOptimizationEarly, before bulkhead-partition (which
// turns the crossings it looks at into gates).  Like SafeStack.cpp: run()
// filters, a worker collects (escape analysis, with a fixed point over the
// parameters of each compartment's functions), then rewrites.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "Shares.h"
#include "SysVAbi.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/JSON.h"
#include "llvm/TargetParser/Triple.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumShadowed, "Stack allocations moved to the data shadow stack");
STATISTIC(NumByValCopies, "By-value parameters copied into a local that leaves");
STATISTIC(NumVarArgFrames, "va_start frames copied for a va_list that leaves");

namespace bulkhead {

namespace {

/// Why a pointer escapes its compartment's stack, or nothing.
using Escape = std::optional<std::string>;

class ShadowStacker {
public:
  ShadowStacker(Module &M, const CompartmentMap &Map, const LegalEntries &Entries)
      : M(M), Map(Map), Entries(Entries) {}

  bool run() {
    solveParams(Follow::Crossing, ExportedParams);
    solveParams(Follow::Keeping, KeptParams);
    bool Changed = shareEscapingGlobals();
    if (Map.config().GateTemplate) {
      std::vector<std::string> Errors;
      refuseEscapingJmpBufs(Errors);
      refuseCrossingSjLj(Errors);
      reportErrors(M.getContext(), Errors);
      Changed |= checkLongJumps();
    }
    for (Function &F : M) {
      if (!privateStack(F))
        continue;
      Changed |= copyEscapingByVal(F);
      Changed |= copyEscapingVarArgs(F);
    }
    SmallVector<std::pair<AllocaInst *, std::string>, 16> Moves;
    for (Function &F : M) {
      if (!privateStack(F))
        continue;
      for (Instruction &I : instructions(F))
        if (auto *A = dyn_cast<AllocaInst>(&I))
          if (Escape Why = escapes(A)) {
            auto It = Reasons.find(A);
            Moves.push_back({A, It == Reasons.end() ? *Why : It->second});
          }
    }
    const bool OnHeap = Map.config().StackDataOnSharedHeap;
    // Before any rewrite: which compartments only lend what they put on the DSS.
    uint64_t OnDss = 0, Kept = 0;
    if (!OnHeap)
      for (auto &[A, Why] : Moves) {
        unsigned C = *privateStack(*A->getFunction());
        if (C >= 64)
          continue;
        OnDss |= uint64_t(1) << C;
        if (Escape K = escapes(A, Follow::Keeping)) {
          Kept |= uint64_t(1) << C;
          KeptWhy[A] = *K;
        }
      }
    Changed |= setParkable(OnDss & ~Kept);
    if (Moves.empty()) {
      if (Changed)
        record();
      return Changed;
    }
    DenseMap<Function *, SmallVector<std::pair<Value *, uint64_t>, 4>> Scrub;
    for (auto &[A, Why] : Moves) {
      std::optional<TypeSize> Size = A->getAllocationSize(M.getDataLayout());
      // The shared heap needs a size known here and at most its 16-byte alignment.
      // Only a static alloca of the entry block: its block is taken once, at entry, before any
      // call that may return twice (setjmp) could run the allocation again.
      bool Heap = OnHeap && Size && !Size->isScalable() && A->getAlign() <= Align(16) &&
                  A->isStaticAlloca();
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
  /// The targets of the indirect calls bulkhead-icall checked.
  const LegalEntries &Entries;
  /// Pointer parameters that may carry their pointee out of the compartment.
  DenseMap<const Argument *, std::string> ExportedParams;
  /// Pointer parameters of which a copy may outlive the call (not nocapture).
  DenseMap<const Argument *, std::string> KeptParams;
  /// Moved locals whose address may outlive the call it is passed to: why.
  DenseMap<const AllocaInst *, std::string> KeptWhy;
  json::Array Moved, EscapedGlobals;
  /// Locals this pass made (byval copies, va_list frames): the manifest's reason.
  DenseMap<const AllocaInst *, std::string> Reasons;
  /// The manifest's name of such a local without a debug declaration (LLD's
  /// LTO drops IR names).
  DenseMap<const AllocaInst *, std::string> FrameNames;
  /// va_lists whose va_copy destination is being followed (escapes() recursion).
  mutable SmallPtrSet<const Value *, 4> VaCopyActive;

  /// The compartment of \p F if it runs on a private stack (fact "dss").
  std::optional<unsigned> privateStack(const Function &F) const {
    if (F.isDeclaration() || Map.isNeutral(F))
      return std::nullopt;
    std::optional<unsigned> C = Map.compartmentOf(F);
    if (!C || !Map.hasDataShadowStack(*C))
      return std::nullopt;
    return C;
  }

  /// Whether a call passing a pointer as argument \p ArgNo exports it.
  Escape callExports(const CallBase &Call, unsigned ArgNo, const Function &Caller) const {
    if (Call.isInlineAsm())
      return std::nullopt; // runs here, in the caller's domain (lidt, cpuid, ...)
    if (Call.isByValArgument(ArgNo))
      return std::nullopt; // the callee gets a copy (a crossing: in the marshalling block)
    const Function *Callee = dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
    if (!Callee)
      return indirectExports(Call, ArgNo, Caller);
    if (Callee->isIntrinsic())
      return std::nullopt; // memcpy/memset/lifetime: values move, the pointer does not
    if (isSetJmp(*Callee) || isLongJmp(*Callee))
      return std::nullopt; // the kernel's, neutral: run in the caller's domain, keep nothing
    if (Map.isNeutral(*Callee))
      return std::nullopt; // runs in the caller's domain, keeps no state
    if (Callee->isDeclaration()) {
      // Assembly its source declares __attribute__((noescape)) (nocapture): it keeps nothing of the
      // pointer past the call (backend vm's bh_vm_invoke and bh_vm_switch read their frames).
      if (Callee->hasParamAttribute(ArgNo, Attribute::NoCapture))
        return std::nullopt;
      return ("passed to '" + Callee->getName() + "', defined outside the LTO module").str();
    }
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

  /// What escapes() looks for: a use that takes the pointer out of its
  /// compartment (Crossing), or one after which a copy of it may outlive the
  /// call or frame that lent it (Keeping: LLVM's capture, with the callees'
  /// parameters followed; a local's own frame returning it keeps nothing, since
  /// nobody may use it once the frame is gone).
  enum class Follow { Crossing, Keeping };

  /// Whether a call passing a pointer as argument \p ArgNo may keep a copy of
  /// it past the call (Follow::Keeping).
  Escape callKeeps(const CallBase &Call, unsigned ArgNo, const Function &Caller) const {
    if (Call.isInlineAsm() || Call.isByValArgument(ArgNo))
      return std::nullopt; // runs and ends here / gets a copy of the pointee
    const Function *Callee = dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
    if (!Callee)
      return indirectKeeps(Call, ArgNo, Caller);
    if (Callee->isIntrinsic() || isSetJmp(*Callee) || isLongJmp(*Callee) || Map.isNeutral(*Callee))
      return std::nullopt; // as in callExports: nothing of the pointer stays behind
    if (Call.doesNotCapture(ArgNo))
      return std::nullopt; // nocapture, on the call or on its callee
    if (Callee->isDeclaration() || !Map.compartmentOf(*Callee))
      return ("passed to '" + Callee->getName() + "', defined outside the LTO module").str();
    return paramKeeps(*Callee, ArgNo);
  }

  Escape paramKeeps(const Function &F, unsigned ArgNo) const {
    if (ArgNo >= F.arg_size())
      return ("passed as a variadic argument of '" + F.getName() + "'").str();
    auto It = KeptParams.find(F.getArg(ArgNo));
    if (It != KeptParams.end())
      return ("passed to '" + F.getName() + "', which keeps argument " + Twine(ArgNo) + " (" +
              It->second + ")")
          .str();
    return std::nullopt;
  }

  /// An indirect call: as indirectExports, the targets bulkhead-icall leaves
  /// it; any of them keeping the parameter keeps the pointer.
  Escape indirectKeeps(const CallBase &Call, unsigned ArgNo, const Function &Caller) const {
    if (!Call.getMetadata(IcallCheckedMDKind))
      return std::string("passed to an indirect call");
    std::optional<unsigned> From = Map.compartmentOf(Caller);
    ArrayRef<const Function *> Targets =
        From ? Entries.local(*From, Call.getFunctionType()) : ArrayRef<const Function *>();
    if (Targets.empty())
      return std::string("passed to an indirect call with no known target");
    for (const Function *F : Targets) {
      if (!F)
        return std::string("passed to an indirect call that may reach code outside the LTO module");
      if (Escape E = paramKeeps(*F, ArgNo))
        return E;
    }
    return std::nullopt;
  }

  /// Follows \p Root through address computations; the first use that
  /// exports it (or keeps it), with its reason.
  Escape escapes(const Value *Root, Follow Mode = Follow::Crossing) const {
    const bool Keeping = Mode == Follow::Keeping;
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
        if (Keeping && !V->getType()->isPtrOrPtrVectorTy()) {
          // The address as an integer (Keeping follows ptrtoint): arithmetic, casts (inttoptr makes
          // it a pointer again) and compares keep nothing, nor does inline assembly (a kernel
          // service's SYSCALL: include/bulkhead/service.h); any other use may.
          if (isa<BinaryOperator, CastInst, SelectInst, PHINode, FreezeInst>(I)) {
            if (Seen.insert(I).second)
              Work.push_back(I);
            continue;
          }
          if (isa<ICmpInst>(I))
            continue;
          if (const auto *C = dyn_cast<CallBase>(I); C && C->isInlineAsm() && C->isArgOperand(&U))
            continue;
          return std::string("converted to an integer that is stored, passed or returned");
        }
        if (isa<GetElementPtrInst, BitCastInst, AddrSpaceCastInst, SelectInst, PHINode, FreezeInst>(I)) {
          if (Seen.insert(I).second)
            Work.push_back(I);
        } else if (const auto *S = dyn_cast<StoreInst>(I)) {
          if (S->getValueOperand() == V)
            return std::string("stored to memory");
        } else if (const auto *C = dyn_cast<CallBase>(I)) {
          const auto *II = dyn_cast<IntrinsicInst>(C);
          if (II && II->getIntrinsicID() == Intrinsic::vacopy && C->getArgOperandNo(&U) == 1) {
            // The copy carries this va_list's pointers into the frame of its va_start.
            if (Keeping)
              return std::string("copied by va_copy");
            if (Escape E = vaCopyExports(*II))
              return E;
          } else if (C->isArgOperand(&U)) {
            unsigned ArgNo = C->getArgOperandNo(&U);
            if (Escape E = Keeping ? callKeeps(*C, ArgNo, F) : callExports(*C, ArgNo, F))
              return E;
            // An intrinsic that returns a pointer returns this one, adjusted (llvm.ptrmask,
            // llvm.launder.invariant.group, ...): followed like address arithmetic.
            if (II && II->getType()->isPtrOrPtrVectorTy() && Seen.insert(I).second)
              Work.push_back(I);
          }
          if (C->getCalledOperand() == V)
            return std::string("called");
        } else if (isa<ReturnInst>(I)) {
          if (Keeping && isa<AllocaInst>(Root))
            continue; // a dangling pointer: its frame is gone (and its shadow zeroed)
          return std::string("returned");
        } else if (isa<PtrToIntInst>(I)) {
          if (!Keeping)
            return std::string("converted to an integer");
          if (Seen.insert(I).second)
            Work.push_back(I);
        } else if (Keeping && isa<InsertValueInst, InsertElementInst>(I)) {
          return std::string("put into an aggregate value");
        } else if (isa<AtomicCmpXchgInst, AtomicRMWInst>(I)) {
          // Only the value written carries the pointer away; as the address operand the object is
          // read and written in place, like a load or a store to it (an atomic counter stays home).
          const Value *Stored = isa<AtomicRMWInst>(I) ? cast<AtomicRMWInst>(I)->getValOperand()
                                                      : cast<AtomicCmpXchgInst>(I)->getNewValOperand();
          if (Stored == V)
            return std::string("stored atomically");
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
    if (Map.config().SharedGlobalsDeclared) {
      refuseUndeclaredEscapes();
      return false;
    }
    if (!Map.config().ShareEscapingGlobals)
      return false;
    bool Changed = false;
    for (GlobalVariable &G : M.globals()) {
      if (G.isDeclaration() || G.getMetadata(EscapedMDKind) ||
          (G.hasSection() && isBulkheadSection(G.getSection())))
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

  /// Under policies.shared_globals = "declared": a global whose address may
  /// reach another compartment and that no compartment's shares names is an
  /// error naming it, why, and the line to add (bulkhead-partition shares the
  /// declared ones).
  void refuseUndeclaredEscapes() {
    std::vector<std::string> Ignored, Errors;
    SmallPtrSet<GlobalVariable *, 8> Declared = resolveShares(M, Map, Ignored); // partition reports
    for (GlobalVariable &G : M.globals()) {
      if (G.isDeclaration() || Declared.contains(&G) ||
          (G.hasSection() && isBulkheadSection(G.getSection())))
        continue;
      std::optional<unsigned> C = Map.compartmentOf(G);
      if (!C || Map.isSystem(G) || (G.isConstant() && !Map.config().RodataPerCompartment))
        continue;
      Escape Why = escapes(&G);
      if (!Why || Why->find(" in compartment ") == std::string::npos)
        continue; // only an address seen crossing: what stays home needs no sharing
      std::string Site = globalSite(G);
      const std::string &Owner = Map.config().Compartments[*C].Name;
      Errors.push_back("the address of global '" + shareEntry(G) + "'" +
                       (Site.empty() ? "" : " (" + Site + ")") + " of compartment " + Owner +
                       " leaves it (" + *Why +
                       "), and policies.shared_globals = \"declared\" shares only what the "
                       "configuration names: add shares = [\"" + shareEntry(G) +
                       "\"] to compartment " + Owner);
    }
    reportErrors(M.getContext(), Errors);
  }

  /// An indirect call.  If bulkhead-icall rewrote it, the legal targets of
  /// other compartments are direct calls of their own (seen like any call) and
  /// the call left can only reach this compartment's code or the shared text
  /// (anything else stops at the check): its targets are this compartment's
  /// address-taken functions of the call's type.  The pointer escapes if one
  /// of them exports that parameter, or if no such function is known.
  Escape indirectExports(const CallBase &Call, unsigned ArgNo, const Function &Caller) const {
    if (!Call.getMetadata(IcallCheckedMDKind))
      return std::string("passed to an indirect call");
    std::optional<unsigned> From = Map.compartmentOf(Caller);
    ArrayRef<const Function *> Targets =
        From ? Entries.local(*From, Call.getFunctionType()) : ArrayRef<const Function *>();
    if (Targets.empty())
      return std::string("passed to an indirect call with no known target");
    for (const Function *F : Targets) {
      if (!F) // an address-taken declaration (assembly): cannot be followed
        return std::string("passed to an indirect call that may reach code outside the LTO module");
      if (Escape E = paramExports(*F, ArgNo, /*ThroughPointer=*/true))
        return E;
    }
    return std::nullopt;
  }

  /// The pointer parameters that export (Crossing: calls between functions of
  /// one compartment pass pointers along) or of which a copy may outlive the
  /// call (Keeping: every function of every compartment, the kernel's too: it
  /// keeps a new thread's argument), to a fixed point, into \p Out.
  void solveParams(Follow Mode, DenseMap<const Argument *, std::string> &Out) {
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (Function &F : M) {
        if (F.isDeclaration() || Map.isNeutral(F) || !Map.compartmentOf(F))
          continue;
        for (Argument &A : F.args()) {
          if (!A.getType()->isPointerTy() || Out.count(&A))
            continue;
          if (Escape Why = escapes(&A, Mode)) {
            Out[&A] = Mode == Follow::Crossing ? "exported (" + *Why + ")" : *Why;
            Changed = true;
          }
        }
      }
    }
  }

  /// The kernel's bh_dss_parkable (kernel/dss.c): the compartments whose
  /// switched-out slots "owner" may park.  Absent (no kernel in the module,
  /// lit tests) it is left alone.
  bool setParkable(uint64_t Mask) {
    GlobalVariable *G = M.getNamedGlobal(DssParkableName);
    if (!G || G->isDeclaration() || !G->getValueType()->isIntegerTy(64))
      return false;
    G->setInitializer(ConstantInt::get(G->getValueType(), Mask));
    return true;
  }

  /// setjmp and its aliases: returns_twice, or the names C libraries use.
  static bool isSetJmp(const Function &F) {
    return F.hasFnAttribute(Attribute::ReturnsTwice) || F.getName() == "setjmp" ||
           F.getName() == "_setjmp" || F.getName() == "sigsetjmp";
  }

  static bool isLongJmp(const Function &F) {
    return F.getName() == "longjmp" || F.getName() == "_longjmp" || F.getName() == "siglongjmp";
  }

  /// docs/design.md section 5f: a longjmp stays within its compartment.  A
  /// jmp_buf on the stack that is passed to another compartment (directly or
  /// through parameters) would let that compartment jump into this one's
  /// frames: refused, naming the call of setjmp.
  void refuseEscapingJmpBufs(std::vector<std::string> &Errors) {
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || Map.isNeutral(F) || !C)
        continue;
      for (Instruction &I : instructions(F)) {
        const auto *Call = dyn_cast<CallBase>(&I);
        const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
        if (!Callee || !isSetJmp(*Callee) || Call->arg_size() == 0)
          continue;
        const Value *Buf = getUnderlyingObject(Call->getArgOperand(0));
        if (!isa<AllocaInst>(Buf))
          continue; // a global or heap jmp_buf: bh_longjmp_check stops a wrong longjmp at run time
        // Refused only where a crossing is seen: a jmp_buf that is merely stored (Lua keeps
        // the current one in its state) is left to bh_longjmp_check.
        Escape Why = escapes(Buf);
        if (Why && Why->find(" in compartment ") != std::string::npos) {
          std::string Site;
          if (const DebugLoc &DL = I.getDebugLoc())
            Site = " (" + DL->getFilename().str() + ":" + std::to_string(DL.getLine()) + ")";
          Errors.push_back(("'" + F.getName() + "'" + Site + " in compartment " +
                            Map.config().Compartments[*C].Name + " calls " + Callee->getName() +
                            " with a jmp_buf that may reach another compartment (" + *Why +
                            "): a longjmp across compartments is not supported; keep the "
                            "jmp_buf, setjmp and longjmp in one compartment (docs/design.md 5f)")
                               .str());
        }
      }
    }
  }

  /// "file:line" of \p I, or the file of \p F's subprogram, or "".
  static std::string siteOf(const Instruction &I, const Function &F) {
    if (const DebugLoc &DL = I.getDebugLoc())
      return DL->getFilename().str() + ":" + std::to_string(DL.getLine());
    if (const DISubprogram *SP = F.getSubprogram())
      return SP->getFilename().str() + ":" + std::to_string(SP->getLine());
    return "";
  }

  /// __builtin_setjmp/__builtin_longjmp (llvm.eh.sjlj.setjmp/longjmp) jump
  /// with no library call to check: the buffer holds a frame pointer, a
  /// resume address and a stack pointer, and the longjmp loads them as they
  /// are.  A jump from one compartment into another's frames would skip the
  /// gates between them (and land in the other's domain with the wrong
  /// PKRU), and no run-time check stands before it, so every crossing the
  /// pass can see is refused: a buffer that may reach another compartment
  /// (through a call, or a global used by several compartments), and a
  /// longjmp through a buffer that a setjmp of another compartment may have
  /// filled.
  void refuseCrossingSjLj(std::vector<std::string> &Errors) {
    struct Site {
      const CallBase *Call;
      const Function *F;
      unsigned C;
      const Value *Buf; ///< the buffer's underlying object
    };
    SmallVector<Site, 4> Sets, Jumps;
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || !C)
        continue;
      for (Instruction &I : instructions(F))
        if (const auto *II = dyn_cast<IntrinsicInst>(&I)) {
          Intrinsic::ID ID = II->getIntrinsicID();
          if (ID == Intrinsic::eh_sjlj_setjmp || ID == Intrinsic::eh_sjlj_longjmp)
            (ID == Intrinsic::eh_sjlj_setjmp ? Sets : Jumps)
                .push_back({II, &F, *C, getUnderlyingObject(II->getArgOperand(0))});
        }
    }
    if (Sets.empty() && Jumps.empty())
      return;
    auto Name = [&](unsigned C) { return Map.config().Compartments[C].Name; };
    auto Refuse = [&](const Site &S, StringRef What, const Twine &Why) {
      std::string Where = siteOf(*S.Call, *S.F);
      Errors.push_back(("'" + S.F->getName() + "'" + (Where.empty() ? "" : " (" + Where + ")") +
                        " in compartment " + Name(S.C) + " " + What + " " + Why +
                        ": __builtin_setjmp/__builtin_longjmp across compartments is not "
                        "supported (the jump would skip the gates between them); keep the "
                        "buffer, __builtin_setjmp and __builtin_longjmp in one compartment, or "
                        "use setjmp/longjmp (docs/design.md 5f)")
                           .str());
    };
    // A setjmp whose buffer may reach another compartment.
    SmallPtrSet<const Value *, 4> Leaving;
    for (const Site &S : Sets) {
      std::optional<std::string> Why;
      if (isa<AllocaInst>(S.Buf)) {
        if (Escape E = escapes(S.Buf)) {
          Leaving.insert(S.Buf);
          if (E->find(" in compartment ") != std::string::npos)
            Why = "(" + *E + ")";
        }
      } else if (const auto *G = dyn_cast<GlobalVariable>(S.Buf)) {
        for (const Function *U : usersOf(*G))
          if (std::optional<unsigned> UC = Map.compartmentOf(*U); UC && *UC != S.C) {
            Why = ("(global '" + G->getName() + "' is used by '" + U->getName() +
                   "' in compartment " + Name(*UC) + ")")
                      .str();
            break;
          }
      } else {
        Leaving.insert(S.Buf); // a buffer from elsewhere: it may be anyone's
      }
      if (Why)
        Refuse(S, "calls __builtin_setjmp with a buffer that may reach another compartment", *Why);
    }
    // A longjmp through a buffer another compartment's setjmp may have filled.
    for (const Site &J : Jumps)
      for (const Site &S : Sets) {
        if (S.C == J.C)
          continue;
        bool Same = S.Buf == J.Buf;
        bool Unknown = !isa<AllocaInst, GlobalVariable>(J.Buf) &&
                       (Leaving.contains(S.Buf) || isa<GlobalVariable>(S.Buf));
        if (!Same && !Unknown)
          continue;
        Refuse(J, "calls __builtin_longjmp with a buffer that",
               Twine("'") + S.F->getName() + "' in compartment " + Name(S.C) +
                   (Same ? " fills with __builtin_setjmp" : " may fill with __builtin_setjmp"));
        break;
      }
  }

  /// The functions that use \p G, through constant expressions.
  static SmallVector<const Function *, 4> usersOf(const GlobalVariable &G) {
    SmallVector<const Function *, 4> Out;
    SmallVector<const User *, 8> Work(G.users());
    SmallPtrSet<const User *, 8> Seen;
    while (!Work.empty()) {
      const User *U = Work.pop_back_val();
      if (!Seen.insert(U).second)
        continue;
      if (const auto *I = dyn_cast<Instruction>(U))
        Out.push_back(I->getFunction());
      else if (isa<ConstantExpr>(U))
        Work.append(U->user_begin(), U->user_end());
    }
    return Out;
  }

  /// Before every longjmp of a function of a compartment, a call of the
  /// kernel's bh_longjmp_check(env, code start, code end, compartment, DSS
  /// delta, shared heap): it stops the image (exit 69) if env's target is not
  /// that compartment's code (the jmp_bufs the link-time check cannot
  /// follow); with private stacks it does what the returns of the frames the
  /// longjmp skips would have done: zeroes their DSS shadows (delta 0: not a
  /// private stack) and, under stack_data = "shared-heap", frees their blocks.
  /// When its gate keeps slots (fact "gate_slots") it also gets the
  /// compartment's resume slot (%gs:__bh_c<i>_sp, where its stack resumes
  /// when the crossing it waits in returns; the stack's top when it waits in
  /// none): a target at or above it
  /// would skip that crossing's gate (A -> B -> A, the inner A jumping to the
  /// outer) and leave the gate state of both compartments stale.
  bool checkLongJumps() {
    LLVMContext &Ctx = M.getContext();
    Type *Ptr = PointerType::getUnqual(Ctx);
    bool Changed = false;
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || Map.isNeutral(F) || !C)
        continue;
      for (Instruction &I : instructions(F)) {
        auto *Call = dyn_cast<CallBase>(&I);
        const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
        if (!Callee || !isLongJmp(*Callee) || Call->arg_size() == 0)
          continue;
        Type *I64 = Type::getInt64Ty(Ctx);
        Type *I32 = Type::getInt32Ty(Ctx);
        FunctionCallee Check = M.getOrInsertFunction(LongjmpCheckFn, Type::getVoidTy(Ctx), Ptr,
                                                     Ptr, Ptr, I32, I64, I32, I64);
        IRBuilder<> B(Call);
        const bool Private = privateStack(F).has_value();
        Value *Delta = Private ? dssDelta(B, M, *C, Map.isSystem(F)) : B.getInt64(0);
        Value *Heap = B.getInt32(Private && Map.config().StackDataOnSharedHeap);
        Value *Resume = B.getInt64(0);
        if (Private && Map.config().Compartments[*C].GateSlots) {
          auto *Read = InlineAsm::get(FunctionType::get(I64, {Ptr}, false), "movq %gs:${1:c}, $0",
                                      "=r,i", /*hasSideEffects=*/true);
          Resume = B.CreateCall(Read, {linkerSymbol(M, compartmentSymbol(*C, "sp"))},
                                "bh.resume");
        }
        B.CreateCall(Check, {Call->getArgOperand(0), textSymbol(*C, "start"), textSymbol(*C, "end"),
                             B.getInt32(*C), Delta, Heap, Resume})
            ->setDebugLoc(callLoc(F, Call->getDebugLoc()));
        Changed = true;
      }
    }
    return Changed;
  }

  /// __bh_c<i>_text_<Edge>: the linker script's bounds of compartment i's code.
  GlobalVariable *textSymbol(unsigned C, StringRef Edge) {
    return linkerSymbol(M, compartmentSymbol(C, ("text_" + Edge).str()));
  }

  /// va_copy(dst, src): src's pointers reach wherever dst goes.
  Escape vaCopyExports(const IntrinsicInst &Copy) const {
    const Value *Dst = getUnderlyingObject(Copy.getArgOperand(0));
    if (!isa<AllocaInst>(Dst))
      return std::string("copied by va_copy into a va_list outside the frame");
    if (!VaCopyActive.insert(Dst).second)
      return std::nullopt; // already being followed
    Escape E = escapes(Dst);
    VaCopyActive.erase(Dst);
    if (E)
      return "copied by va_copy into a va_list " + *E;
    return std::nullopt;
  }

  /// A by-value parameter lives where the ABI put it: in the argument area of
  /// the caller's frame, on this compartment's private stack.  If its address
  /// leaves, the function works on a copy in a local of its own instead, which
  /// the rewrite then moves like any escaping local (SafeStack copies byval
  /// arguments to its unsafe stack the same way).
  bool copyEscapingByVal(Function &F) {
    const DataLayout &DL = M.getDataLayout();
    bool Changed = false;
    for (Argument &Arg : F.args()) {
      if (!Arg.hasByValAttr())
        continue;
      Escape Why = escapes(&Arg);
      if (!Why)
        continue;
      Type *Ty = Arg.getParamByValType();
      Align Al = Arg.getParamAlign().value_or(DL.getABITypeAlign(Ty));
      IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
      AllocaInst *Copy = B.CreateAlloca(Ty, DL.getAllocaAddrSpace(), nullptr,
                                        Arg.hasName() ? Arg.getName() + ".copy" : "byval.copy");
      Copy->setAlignment(Al);
      // Every use, the debug declaration included (so the manifest names the parameter), but a
      // musttail call's: it forwards the parameter itself (a local is gone when it runs).
      Arg.replaceUsesWithIf(Copy, [](Use &U) {
        const auto *Call = dyn_cast<CallInst>(U.getUser());
        return !(Call && Call->isMustTailCall() && Call->isArgOperand(&U));
      });
      for (DbgDeclareInst *D : findDbgDeclares(&Arg))
        D->replaceVariableLocationOp(&Arg, Copy);
      for (DbgVariableRecord *R : findDVRDeclares(&Arg))
        R->replaceVariableLocationOp(&Arg, Copy);
      B.CreateMemCpy(Copy, Al, &Arg, Al, DL.getTypeAllocSize(Ty));
      Reasons[Copy] = "by-value parameter " + *Why;
      FrameNames[Copy] = Arg.getName().str();
      ++NumByValCopies;
      Changed = true;
    }
    return Changed;
  }

  /// Whether the va_list at \p List (a va_start or va_copy destination) may
  /// leave the compartment.
  bool vaListEscapes(const Value *List) const {
    const Value *Obj = getUnderlyingObject(List);
    return !isa<AllocaInst>(Obj) || escapes(Obj).has_value();
  }

  /// A va_list that leaves points into this frame (the register-save area)
  /// and into the caller's (the stack arguments).  After each va_start of
  /// \p F, both are copied into locals of \p F that the rewrite moves (and
  /// zeroes before each return), and the list points at the copies, so the
  /// callee reads the same arguments from memory it can reach.  va_copy then
  /// copies pointers to the copies.  x86-64 SysV only.
  bool copyEscapingVarArgs(Function &F) {
    if (!F.isVarArg() || Triple(M.getTargetTriple()).getArch() != Triple::x86_64)
      return false;
    SmallVector<IntrinsicInst *, 2> Starts;
    bool Leaves = false;
    for (Instruction &I : instructions(F))
      if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
        if (II->getIntrinsicID() == Intrinsic::vastart)
          Starts.push_back(II);
        if (II->getIntrinsicID() == Intrinsic::vastart || II->getIntrinsicID() == Intrinsic::vacopy)
          Leaves |= vaListEscapes(II->getArgOperand(0));
      }
    if (Starts.empty() || !Leaves)
      return false;
    LLVMContext &Ctx = M.getContext();
    Type *I8 = Type::getInt8Ty(Ctx), *Ptr = PointerType::getUnqual(Ctx);
    const uint64_t Overflow = overflowBound(F);
    IRBuilder<> Entry(&*F.getEntryBlock().getFirstInsertionPt());
    AllocaInst *Regs =
        Entry.CreateAlloca(ArrayType::get(I8, sysv::RegSaveAreaBytes), nullptr, "va.regs");
    Regs->setAlignment(Align(16));
    Reasons[Regs] = "register-save area of a va_list that leaves the compartment";
    FrameNames[Regs] = "va.regs";
    AllocaInst *Stack = nullptr;
    if (Overflow) {
      // 8 more: the copy keeps the arguments' address modulo 16 (va_arg aligns 16-byte ones).
      Stack = Entry.CreateAlloca(ArrayType::get(I8, Overflow + 8), nullptr, "va.stack");
      Stack->setAlignment(Align(16));
      Reasons[Stack] = "stack arguments of a va_list that leaves the compartment";
      FrameNames[Stack] = "va.stack";
    }
    for (IntrinsicInst *Start : Starts) {
      IRBuilder<> B(Start->getNextNode());
      Value *List = Start->getArgOperand(0);
      Value *RegSlot = B.CreateConstInBoundsGEP1_64(I8, List, sysv::VaListRegSaveField);
      B.CreateMemCpy(Regs, Align(16), B.CreateLoad(Ptr, RegSlot, "va.regs.orig"), Align(16),
                     sysv::RegSaveAreaBytes);
      B.CreateStore(Regs, RegSlot);
      if (Stack) {
        Value *StackSlot = B.CreateConstInBoundsGEP1_64(I8, List, sysv::VaListOverflowField);
        Value *Args = B.CreateLoad(Ptr, StackSlot, "va.stack.orig");
        Value *Mod16 = B.CreateAnd(B.CreatePtrToInt(Args, B.getInt64Ty()), 15);
        Value *To = B.CreateInBoundsGEP(I8, Stack, Mod16, "va.stack.args");
        B.CreateMemCpy(To, Align(8), Args, Align(8), Overflow);
        B.CreateStore(To, StackSlot);
      }
      ++NumVarArgFrames;
    }
    return true;
  }

  /// An upper bound of the bytes of stack arguments any call of \p F passes:
  /// its direct calls and, if its address is taken, every call of its type
  /// (bulkhead-icall made the calls into other compartments direct).  Calls
  /// from assembly are not seen.
  uint64_t overflowBound(const Function &F) const {
    uint64_t Bound = 0;
    for (const User *U : F.users())
      if (const auto *C = dyn_cast<CallBase>(U); C && C->getCalledOperand() == &F)
        Bound = std::max(Bound, sysv::stackArgBytes(*C, M.getDataLayout()));
    if (!isAddressTaken(F))
      return Bound;
    for (const Function &G : M)
      for (const Instruction &I : instructions(G))
        if (const auto *C = dyn_cast<CallBase>(&I))
          if (C->isIndirectCall() && C->getFunctionType() == F.getFunctionType())
            Bound = std::max(Bound, sysv::stackArgBytes(*C, M.getDataLayout()));
    return Bound;
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
  /// Returns are found the way SafeStack.cpp finds them: a return that follows
  /// a musttail call is cleaned up before that call (nothing may come between
  /// the two; a musttail callee may not use the caller's locals anyway).
  /// A call that returns twice (setjmp) needs nothing here: a shadow is the
  /// local's own address minus a constant, and a shared-heap block is taken
  /// in the entry block before any such call, so a second return finds both.
  void scrubOnReturn(Function &F, ArrayRef<std::pair<Value *, uint64_t>> Slots) {
    for (BasicBlock &BB : F)
      if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator())) {
        Instruction *At = Ret;
        if (CallInst *Tail = BB.getTerminatingMustTailCall())
          At = Tail;
        IRBuilder<> B(At);
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
    return M.getOrInsertFunction(StackShareFn, PointerType::getUnqual(Ctx), Type::getInt64Ty(Ctx));
  }

  FunctionCallee unshareFn() {
    LLVMContext &Ctx = M.getContext();
    return M.getOrInsertFunction(StackUnshareFn, Type::getVoidTy(Ctx), PointerType::getUnqual(Ctx),
                                 Type::getInt64Ty(Ctx));
  }

  /// Policy stack_data = "shared-heap": every use of \p A (but lifetime
  /// markers and debug declarations) goes to a block of the shared heap,
  /// allocated where A is (bh_stack_share, a neutral kernel function that
  /// stops the image if the shared heap is exhausted) and zeroed and freed
  /// before each return.  The block is taken after the entry block's allocas,
  /// before any call that may return twice.
  Value *heapShadow(AllocaInst *A, uint64_t Bytes, const std::string &Why) {
    Function &F = *A->getFunction();
    unsigned C = *privateStack(F);
    BasicBlock::iterator At = F.getEntryBlock().begin();
    while (isa<AllocaInst>(*At))
      ++At;
    IRBuilder<> B(&*At);
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
    IRBuilder<> B(A->getNextNode());
    Type *IntPtr = B.getInt64Ty();
    Value *Addr = B.CreatePtrToInt(A, IntPtr);
    Value *Off = dssDelta(B, M, C, Map.isSystem(F));
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
    if (Name.empty() && FrameNames.count(A))
      Name = FrameNames.lookup(A); // a local of this pass's own
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
                                 {"kept", KeptWhy.lookup(A)},
                                 {"strategy", Strategy}});
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

GlobalVariable *dssDeltaSymbol(Module &M, unsigned C) {
  std::string Name = "__bh_c" + std::to_string(C) + "_dss_delta";
  if (GlobalVariable *G = M.getNamedGlobal(Name))
    return G;
  LLVMContext &Ctx = M.getContext();
  auto *G = new GlobalVariable(M, Type::getInt8Ty(Ctx), /*isConstant=*/true,
                               GlobalValue::ExternalLinkage, nullptr, Name);
  G->setDSOLocal(true); // an absolute symbol of the static image: no GOT
  Constant *All = ConstantInt::getAllOnesValue(Type::getInt64Ty(Ctx));
  G->setMetadata(LLVMContext::MD_absolute_symbol,
                 MDNode::get(Ctx, {ConstantAsMetadata::get(All), ConstantAsMetadata::get(All)}));
  return G;
}

Value *dssDelta(IRBuilderBase &B, Module &M, unsigned C, bool System) {
  Type *I64 = B.getInt64Ty();
  if (!System)
    return B.CreatePtrToInt(dssDeltaSymbol(M, C), I64);
  const char *Name = "__bh_system_dss_delta";
  GlobalVariable *G = M.getNamedGlobal(Name);
  if (!G) {
    G = new GlobalVariable(M, I64, /*isConstant=*/false, GlobalValue::ExternalLinkage, nullptr,
                           Name);
    G->setDSOLocal(true);
  }
  return B.CreateLoad(I64, G, "bh.dss.delta");
}

PreservedAnalyses DataShadowStackPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getModuleFlag(PartitionedFlag) || M.getNamedMetadata(DssMDName))
    return PreservedAnalyses::all(); // a second run changes nothing
  // Without a map bulkhead-partition reports the configuration's errors.
  const CompartmentMap *Map = MAM.getResult<ConfigAnalysis>(M).map();
  if (!Map)
    return PreservedAnalyses::all();
  if (!ShadowStacker(M, *Map, MAM.getResult<EntryAnalysis>(M)).run())
    return PreservedAnalyses::all();
  // Moving locals and checking longjmps calls runtime functions directly and
  // takes no function's address: the legal entries stay what they were.
  PreservedAnalyses PA = PreservedAnalyses::none();
  PA.preserve<EntryAnalysis>();
  return PA;
}

} // namespace bulkhead
