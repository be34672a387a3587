//===- Partition.cpp - bulkhead-partition: place, share, gate --------------===//
//
// Runs at the start of the full-LTO pipeline on the merged module.  run()
// only loads the configuration and hands off to Partitioner, which first
// collects (EdgeAnalysis), reports every error and refusal, and only then
// rewrites: sections, shared globals, gate stubs (docs/design.md 3-4).
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ReplaceConstant.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumGates, "Gate stubs created");
STATISTIC(NumGatedCalls, "Cross-compartment calls routed through a gate");
STATISTIC(NumDirectCrossings, "Cross-compartment calls kept direct (noinline)");
STATISTIC(NumSharedGlobals, "Globals moved to the shared region");
STATISTIC(NumRefusals, "Cross-compartment calls refused");
STATISTIC(NumMarshalled, "Cross-compartment calls through a marshalling thunk");
STATISTIC(NumPlaced, "Definitions given a bulkhead section");

namespace bulkhead {

namespace {

/// Inline-asm constraints of a gate stub's body: the callee is operand 0.
constexpr const char *GateConstraints = "i,~{memory},~{dirflag},~{fpsr},~{flags}";

std::string compartmentBase(unsigned I) { return ".bh.c" + std::to_string(I); }
/// Prefix of per-compartment symbols: __bh_self_<X> -> __bh_c<i>_<X>.
constexpr const char *SelfPrefix = "__bh_self_";
/// Prefix of marshalling thunks: __bh_marshal_<callee>.
constexpr const char *MarshalPrefix = "__bh_marshal_";
constexpr const char *SharedBase = ".bh.shared";

json::Array namesOf(ArrayRef<Function *> Fs) {
  json::Array A;
  for (Function *F : Fs)
    A.push_back(F->getName());
  return A;
}

/// Instantiates a gate template: placeholders become their values, and the
/// inline-asm metacharacters of the remaining text ($ { | }) are escaped so
/// the assembler sees the template text literally.
Expected<std::string> instantiateTemplate(StringRef Tmpl,
                                          const StringMap<std::string> &Values) {
  std::string Out;
  for (size_t I = 0; I < Tmpl.size(); ++I) {
    char C = Tmpl[I];
    if (C == '{') {
      size_t Close = Tmpl.find('}', I);
      StringRef Name =
          Close == StringRef::npos ? "" : Tmpl.slice(I + 1, Close);
      auto It = Values.find(Name);
      if (It != Values.end()) {
        Out += It->second;
        I = Close;
        continue;
      }
      if (!Name.empty() && all_of(Name, [](char Ch) { return isAlnum(Ch) || Ch == '_'; }))
        return createStringError(inconvertibleErrorCode(),
                                 "gate template uses unknown placeholder {" +
                                     Name + "}");
    }
    switch (C) {
    case '$': Out += "$$"; break;
    case '{': Out += "$("; break;
    case '|': Out += "$|"; break;
    case '}': Out += "$)"; break;
    default: Out += C;
    }
  }
  return Out;
}

const char *const ArgIntRegs[] = {"edi", "esi", "edx", "ecx", "r8d", "r9d"};
const char *const RetIntRegs[] = {"eax", "edx"};

/// Assembly clearing the registers of a class that carry nothing: integer
/// registers Regs[UsedInts..NumInts) and xmm<UsedVecs..NumVecs), one
/// instruction per line ({clear_args} and {clear_ret} of a gate template).
std::string clearRegisters(unsigned UsedInts, unsigned UsedVecs,
                           const char *const *Regs, unsigned NumInts,
                           unsigned NumVecs) {
  SmallVector<std::string, 16> Lines;
  for (unsigned I = UsedInts; I < NumInts; ++I)
    Lines.push_back(std::string("xorl %") + Regs[I] + ", %" + Regs[I]);
  for (unsigned I = UsedVecs; I < NumVecs; ++I)
    Lines.push_back("pxor %xmm" + std::to_string(I) + ", %xmm" + std::to_string(I));
  return join(Lines, "\n");
}

/// Lines of assembly, one per element.
std::string lines(ArrayRef<std::string> L) { return join(L, "\n"); }

/// The placeholders of a gate built around WRPKRU, which takes eax, ecx and
/// edx and leaves ecx and edx zero, so each gate keeps and clears only what
/// its callee's type needs:
///  {save_args} / {restore_args}: rcx and rdx around the entry's WRPKRU, those
///    that carry an argument (into r10 and r11);
///  {save_ret} / {restore_ret}: rax and rdx around the return's WRPKRU, those
///    that carry the result (a void callee: eax cleared instead);
///  {scrub_args}: after the entry's WRPKRU and {restore_args}, the argument
///    registers that carry nothing and are not already zero, and the vector
///    registers: one VZEROALL when none carries an argument, else the others;
///  {scrub_ret}: the same for the result after {restore_ret}.
void addWrpkruValues(StringMap<std::string> &Values, const RegisterUse &U) {
  SmallVector<std::string, 4> Save, Restore;
  if (U.ArgInts >= 4) {
    Save.push_back("movq %rcx, %r10");
    Restore.push_back("movq %r10, %rcx");
  }
  if (U.ArgInts >= 3) {
    Save.push_back("movq %rdx, %r11");
    Restore.push_back("movq %r11, %rdx");
  }
  Values["save_args"] = lines(Save);
  Values["restore_args"] = lines(Restore);
  Save.clear();
  Restore.clear();
  if (U.RetInts >= 1) {
    Save.push_back("movq %rax, %r10");
    Restore.push_back("movq %r10, %rax");
  } else {
    Restore.push_back("xorl %eax, %eax");
  }
  if (U.RetInts >= 2) {
    Save.push_back("movq %rdx, %r11");
    Restore.push_back("movq %r11, %rdx");
  }
  Values["save_ret"] = lines(Save);
  Values["restore_ret"] = lines(Restore);

  auto Vectors = [](unsigned Used, SmallVectorImpl<std::string> &Out) {
    if (Used == 0) {
      Out.push_back("vzeroall");
      return;
    }
    for (unsigned I = Used; I < 16; ++I)
      Out.push_back("pxor %xmm" + std::to_string(I) + ", %xmm" + std::to_string(I));
  };
  SmallVector<std::string, 16> Scrub;
  for (unsigned I = U.ArgInts; I < 6; ++I) {
    StringRef R = ArgIntRegs[I];
    if (R != "edx" && R != "ecx") // zero since the WRPKRU
      Scrub.push_back(("xorl %" + R + ", %" + R).str());
  }
  Vectors(U.ArgVecs, Scrub);
  Values["scrub_args"] = lines(Scrub);
  Scrub.clear();
  Vectors(U.RetVecs, Scrub); // eax carries the result or was cleared; edx too, or is zero
  Values["scrub_ret"] = lines(Scrub);
}

/// The worker: collect, check, then rewrite.
class Partitioner {
public:
  Partitioner(Module &M, const CompartmentMap &Map)
      : M(M), Ctx(M.getContext()), Map(Map), Cfg(Map.config()) {}

  /// Returns false after reporting errors (the module is left unchanged).
  bool run() {
    EdgeSet Edges = collectEdges(M, Map);
    if (!Cfg.ShareGlobals)
      dataEdgeErrors(Edges);
    if (std::optional<std::string> Bad = checkTemplate())
      Edges.Errors.push_back(*Bad);
    bindSelfSymbols(Edges.Errors);
    if (!Edges.Errors.empty() || !Edges.Refusals.empty()) {
      reportAll(Edges);
      return false;
    }
    shareGlobals(Edges);
    placeFunctions();
    placeGlobals(Edges);
    rewriteCrossings(Edges);
    recordReport();
    M.addModuleFlag(Module::Max, PartitionedFlag, 1);
    return true;
  }

private:
  Module &M;
  LLVMContext &Ctx;
  const CompartmentMap &Map;
  const Config &Cfg;
  SmallPtrSet<GlobalVariable *, 16> Shared;
  DenseMap<std::pair<unsigned, Function *>, Function *> Stubs;
  /// (callee, argument block type) -> marshalling thunk: one per callee, or
  /// per argument types of a variadic callee's calls.
  DenseMap<std::pair<Function *, StructType *>, Function *> Thunks;
  json::Array Gates, Direct, SharedGlobals;

  /// Binds every use of a symbol __bh_self_<X> (the calling compartment's
  /// own region, e.g. its heap: kernel/include/bulkhead/heap.h) to
  /// __bh_c<i>_<X>, i being the compartment of the function (or global) that
  /// uses it.  Neutral code runs in every domain and has no "self".
  void bindSelfSymbols(std::vector<std::string> &Errors) {
    SmallVector<GlobalVariable *, 4> Selfs;
    for (GlobalVariable &G : M.globals())
      if (G.isDeclaration() && G.getName().starts_with(SelfPrefix))
        Selfs.push_back(&G);
    for (GlobalVariable *G : Selfs) {
      convertUsersOfConstantsToInstructions({G});
      StringRef Suffix = G->getName().drop_front(StringRef(SelfPrefix).size());
      for (Use &U : make_early_inc_range(G->uses())) {
        const GlobalObject *Owner = nullptr;
        if (auto *I = dyn_cast<Instruction>(U.getUser()))
          Owner = I->getFunction();
        else if (auto *GV = dyn_cast<GlobalVariable>(U.getUser()))
          Owner = GV;
        std::optional<unsigned> C = Owner ? Map.compartmentOf(*Owner) : std::nullopt;
        const auto *F = dyn_cast_or_null<Function>(Owner);
        if (!C || (F && Map.isNeutral(*F))) {
          Errors.push_back(
              ("'" + G->getName() + "' is used by " +
               (Owner ? "'" + Owner->getName() + "'" : Twine("a constant")) +
               ", which belongs to no compartment (neutral, untagged or a nested "
               "constant): only code of a compartment has a self")
                  .str());
          continue;
        }
        std::string Name = "__bh_c" + std::to_string(*C) + "_" + Suffix.str();
        GlobalVariable *Bound = M.getNamedGlobal(Name);
        if (!Bound) {
          Bound = new GlobalVariable(M, G->getValueType(), G->isConstant(),
                                     GlobalValue::ExternalLinkage, nullptr, Name);
          Bound->setDSOLocal(true); // a linker-script symbol of the static image
        }
        U.set(Bound);
      }
      if (G->use_empty())
        G->eraseFromParent();
    }
  }

  /// The placeholder values of the gate from compartment \p From to \p To.
  StringMap<std::string> templateValues(StringRef Stub, unsigned From,
                                        unsigned To,
                                        FunctionType *FT = nullptr) const {
    const Compartment &F = Cfg.Compartments[From], &T = Cfg.Compartments[To];
    StringMap<std::string> Values;
    Values["callee"] = "${0:P}";
    Values["stub"] = Stub.str();
    Values["from"] = std::to_string(From);
    Values["to"] = std::to_string(To);
    Values["from_key"] = std::to_string(F.Key);
    Values["to_key"] = std::to_string(T.Key);
    Values["from_pkru"] = std::to_string(F.Pkru);
    Values["to_pkru"] = std::to_string(T.Pkru);
    RegisterUse U = FT ? registerUse(FT) : RegisterUse{};
    Values["clear_args"] = clearRegisters(U.ArgInts, U.ArgVecs, ArgIntRegs, 6, 8);
    Values["clear_ret"] = clearRegisters(U.RetInts, U.RetVecs, RetIntRegs, 2, 2);
    addWrpkruValues(Values, U);
    return Values;
  }

  /// Checks the gate template once, before anything is rewritten.
  std::optional<std::string> checkTemplate() const {
    if (!Cfg.GateTemplate)
      return std::nullopt;
    Expected<std::string> Asm =
        instantiateTemplate(*Cfg.GateTemplate, templateValues("stub", 0, 0));
    if (Asm)
      return std::nullopt;
    return toString(Asm.takeError());
  }

  /// Under policy shared_globals = "error", every data edge is an error.
  void dataEdgeErrors(EdgeSet &Edges) {
    for (DataEdge &E : Edges.DataEdges) {
      std::string Msg = "global '" + E.GV->getName().str() + "' of component '" +
                        CompartmentMap::componentOf(*E.GV)->str() +
                        "' (compartment " + std::to_string(E.Owner) +
                        ") is used by another compartment: ";
      for (Function *F : E.Foreign)
        Msg += "'" + F->getName().str() + "' (compartment " +
               std::to_string(*Map.compartmentOf(*F)) + ") ";
      if (!E.Local.empty())
        Msg += "and by '" + E.Local.front()->getName().str() +
               "' in its own compartment ";
      Msg += "(policies.shared_globals = \"error\")";
      Edges.Errors.push_back(std::move(Msg));
    }
    Edges.DataEdges.clear();
  }

  /// Reports every error and refusal, and writes the manifest with them.
  void reportAll(const EdgeSet &Edges) {
    std::vector<std::string> Msgs = Edges.Errors;
    json::Array Refusals;
    for (const Refusal &R : Edges.Refusals) {
      ++NumRefusals;
      Msgs.push_back(R.message());
      Refusals.push_back(json::Object{{"caller", R.Caller},
                                      {"callee", R.Callee},
                                      {"site", R.Site},
                                      {"reason", R.Reason}});
    }
    // Written first: the error diagnostic may end the process.
    if (Cfg.Manifest) {
      json::Object Report{{"refusals", std::move(Refusals)},
                          {"errors", json::Array(Edges.Errors)}};
      writeManifestFile(Ctx, *Cfg.Manifest, buildManifest(M, Map, Report));
    }
    reportErrors(Ctx, Msgs);
  }

  /// Moves globals used across compartments to the shared region.
  void shareGlobals(const EdgeSet &Edges) {
    // Globals bulkhead-dss found escaping (policy shared_globals = "escape").
    for (GlobalVariable &GV : M.globals())
      if (GV.getMetadata(EscapedMDKind))
        Shared.insert(&GV);
    for (const DataEdge &E : Edges.DataEdges) {
      Shared.insert(E.GV);
      ++NumSharedGlobals;
      LLVM_DEBUG(dbgs() << "bulkhead: sharing " << E.GV->getName()
                        << " (compartment " << E.Owner << "): used by "
                        << E.Foreign.front()->getName() << " of compartment "
                        << *Map.compartmentOf(*E.Foreign.front()) << "\n");
    }
    for (GlobalVariable *GV : Edges.NeutralConstants)
      Shared.insert(GV);
    // Recorded after placement, with the final section name.
    for (const DataEdge &E : Edges.DataEdges) {
      json::Array Users = namesOf(E.Foreign);
      for (Function *F : E.Local)
        Users.push_back(F->getName());
      SharedGlobals.push_back(json::Object{
          {"name", E.GV->getName()},
          {"component", *CompartmentMap::componentOf(*E.GV)},
          {"compartment", E.Owner},
          {"users", std::move(Users)}});
    }
  }

  /// ".system" for code and data of system components (the kernel, the
  /// backend runtime): the linker script puts them first in their
  /// compartment's regions, and backend vm replicates that part into every
  /// machine (each boots its own kernel) while the rest of the kernel's
  /// compartment lives in the kernel's machine only.
  const char *systemSuffix(const GlobalObject &GO) const {
    return Map.isSystem(GO) ? ".system" : "";
  }

  /// Functions go to their compartment's text, neutral ones to shared text.
  void placeFunctions() {
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || !C || hasSystemSection(F))
        continue;
      F.setSection(Map.isNeutral(F) ? std::string(SharedBase) + ".text"
                                    : compartmentBase(*C) + ".text" + systemSuffix(F));
      ++NumPlaced;
    }
  }

  /// Globals go to rodata/data/bss of their compartment or the shared region.
  void placeGlobals(const EdgeSet &Edges) {
    for (GlobalVariable &GV : M.globals()) {
      std::optional<unsigned> C = Map.compartmentOf(GV);
      if (GV.isDeclaration() || !C || hasSystemSection(GV) ||
          GV.isThreadLocal())
        continue;
      bool IsShared = Shared.contains(&GV) ||
                      (GV.isConstant() && !Cfg.RodataPerCompartment);
      if (IsShared)
        placeGlobal(GV, SharedBase);
      else
        placeGlobal(GV, compartmentBase(*C), systemSuffix(GV));
      ++NumPlaced;
    }
    for (json::Value &V : SharedGlobals) {
      json::Object &O = *V.getAsObject();
      GlobalVariable *GV = M.getNamedGlobal(*O.getString("name"));
      O["section"] = placedSection(*GV);
    }
  }

  /// Sets \p GV's section under \p Base.  Zero-initialized writable data gets
  /// an implicit "bss-section" (an explicit section would make it PROGBITS),
  /// with "data-section" as the fallback if the backend does not see BSS,
  /// and "rodata-section"/"relro-section": the LTO pipeline after this pass
  /// may prove the global is never written and mark it constant (GlobalOpt),
  /// and without them it would fall into the default .rodata (the shared
  /// rodata region) instead of its compartment's.
  void placeGlobal(GlobalVariable &GV, const std::string &Base,
                   const char *Suffix = "") {
    if (GV.isConstant()) {
      GV.setSection(Base + ".rodata" + Suffix);
      return;
    }
    if (GV.hasCommonLinkage())
      GV.setLinkage(GlobalValue::ExternalLinkage); // .comm ignores sections
    if (GV.getInitializer()->isNullValue()) {
      GV.setSection("");
      AttributeSet A = GV.getAttributes()
                           .addAttribute(Ctx, "bss-section", Base + ".bss" + Suffix)
                           .addAttribute(Ctx, "data-section", Base + ".data" + Suffix)
                           .addAttribute(Ctx, "rodata-section", Base + ".rodata" + Suffix)
                           .addAttribute(Ctx, "relro-section", Base + ".rodata" + Suffix);
      GV.setAttributes(A);
      return;
    }
    GV.setSection(Base + ".data" + Suffix);
  }

  /// Routes each crossing through its gate, or marks it noinline.
  void rewriteCrossings(const EdgeSet &Edges) {
    for (const CallCrossing &X : Edges.Crossings) {
      json::Object Rec{{"caller", X.Caller->getName()},
                       {"callee", X.Callee->getName()},
                       {"from", X.From},
                       {"to", X.To},
                       {"site", siteOf(*X.Call)}};
      if (!Cfg.GateTemplate) {
        X.Call->addFnAttr(Attribute::NoInline);
        ++NumDirectCrossings;
        Direct.push_back(std::move(Rec));
        continue;
      }
      if (X.Marshal) {
        Function *Thunk = getOrCreateThunk(*X.Callee, *X.Call, X.To);
        Function *Stub = getOrCreateStub(*Thunk, X.From, X.To);
        marshalCall(X, *Stub);
        ++NumGatedCalls;
        ++NumMarshalled;
        Rec["stub"] = Stub->getName();
        Rec["thunk"] = Thunk->getName();
        Gates.push_back(std::move(Rec));
        continue;
      }
      Function *Stub = getOrCreateStub(*X.Callee, X.From, X.To);
      X.Call->setCalledOperand(Stub);
      ++NumGatedCalls;
      Rec["stub"] = Stub->getName();
      Gates.push_back(std::move(Rec));
    }
  }

  /// The argument block of a marshalled call \p Call: one field per
  /// argument, variadic ones included (a byval parameter's field holds the
  /// pointer to the caller's copy).
  StructType *blockType(const CallBase &Call) const {
    SmallVector<Type *, 8> Fields;
    for (const Use &A : Call.args())
      Fields.push_back(A->getType());
    if (returnsThroughBlock(Call.getFunctionType()))
      Fields.push_back(Call.getType());
    return StructType::get(Ctx, Fields);
  }

  /// A return the gate cannot carry (x87, IR aggregates, more than two
  /// registers) comes back in the block's last field: the thunk stores it,
  /// the caller loads it after the gate returns.
  static bool returnsThroughBlock(FunctionType *FT) {
    return !FT->getReturnType()->isVoidTy() && !isGateableReturn(FT->getReturnType());
  }

  /// Creates __bh_marshal_<callee>(ptr %block) once per callee (per argument
  /// types, for a variadic callee), in the callee's compartment: loads the
  /// arguments from the block (on the caller's stack if other compartments
  /// can read it, else on its data shadow stack) and calls the callee
  /// directly, so stack-passed arguments are pushed in the callee's domain
  /// and a variadic callee gets a real variadic call (al set).  Its one
  /// pointer argument is what the gate passes.
  Function *getOrCreateThunk(Function &Callee, const CallBase &Site, unsigned To) {
    FunctionType *FT = Callee.getFunctionType();
    StructType *BlockTy = blockType(Site);
    Function *&Thunk = Thunks[{&Callee, BlockTy}];
    if (Thunk)
      return Thunk;
    const bool ViaBlock = returnsThroughBlock(FT);
    const unsigned NArgs = Site.arg_size();
    auto *ThunkTy = FunctionType::get(ViaBlock ? Type::getVoidTy(Ctx) : FT->getReturnType(),
                                      {PointerType::getUnqual(Ctx)}, false);
    // External hidden dso_local like the stubs: its only use is the stub's
    // inline-asm operand, which must be a link-time constant.
    Thunk = Function::Create(ThunkTy, GlobalValue::ExternalLinkage,
                             MarshalPrefix + Callee.getName(), M);
    Thunk->setVisibility(GlobalValue::HiddenVisibility);
    Thunk->setDSOLocal(true);
    Thunk->setCallingConv(CallingConv::C); // what the gate templates forward
    Thunk->setSection(compartmentBase(To) + ".text");
    Thunk->setMetadata(ComponentMDKind, Callee.getMetadata(ComponentMDKind));
    for (StringRef A : {"target-cpu", "target-features", "tune-cpu", "frame-pointer"})
      if (Callee.hasFnAttribute(A))
        Thunk->addFnAttr(Callee.getFnAttribute(A));
    AttributeList CalleeAttrs = Callee.getAttributes();
    if (!ViaBlock)
      Thunk->addRetAttrs(AttrBuilder(Ctx, CalleeAttrs.getRetAttrs()));
    IRBuilder<> B(BasicBlock::Create(Ctx, "", Thunk));
    SmallVector<Value *, 8> Args;
    for (unsigned I = 0; I != NArgs; ++I)
      Args.push_back(B.CreateLoad(BlockTy->getElementType(I),
                                  B.CreateStructGEP(BlockTy, Thunk->getArg(0), I)));
    CallInst *Call = B.CreateCall(FT, &Callee, Args);
    Call->setCallingConv(Callee.getCallingConv());
    SmallVector<AttributeSet, 8> ParamAttrs;
    for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
      ParamAttrs.push_back(CalleeAttrs.getParamAttrs(I));
    Call->setAttributes(AttributeList::get(Ctx, AttributeSet(),
                                           CalleeAttrs.getRetAttrs(), ParamAttrs));
    if (ViaBlock) {
      B.CreateStore(Call, B.CreateStructGEP(BlockTy, Thunk->getArg(0), NArgs));
      B.CreateRetVoid();
    } else if (FT->getReturnType()->isVoidTy()) {
      B.CreateRetVoid();
    } else {
      B.CreateRet(Call);
    }
    LLVM_DEBUG(dbgs() << "bulkhead: marshalling thunk " << Thunk->getName()
                      << " (c" << To << ")\n");
    return Thunk;
  }

  /// Where a marshalled call's block (or byval copy) \p A lives: \p A
  /// itself when other compartments can read the caller's stack, else its
  /// shadow on the caller's data shadow stack (A - __bh_c<from>_dss_delta,
  /// as bulkhead-dss places moved locals; dssDelta).
  Value *blockAddress(IRBuilder<> &B, AllocaInst *A, unsigned From) {
    if (Map.onSharedStack(From))
      return A;
    Type *IntPtr = M.getDataLayout().getIntPtrType(Ctx);
    Value *Shadow = B.CreateSub(B.CreatePtrToInt(A, IntPtr),
                                dssDelta(B, M, From, Map.isSystem(*A->getFunction())));
    return B.CreateIntToPtr(Shadow, A->getType(), A->getName() + ".dss");
  }

  /// Replaces the call of a marshalled crossing: the caller stores the
  /// arguments into a block on its stack or data shadow stack (byval
  /// arguments are copied there first: their source may be the caller's own
  /// memory, which the callee's domain cannot read), then calls the thunk's
  /// gate with the block.  On a data shadow stack the block and copies are
  /// zeroed when the call returns, so no argument stays readable.
  void marshalCall(const CallCrossing &X, Function &Stub) {
    auto *CI = cast<CallInst>(X.Call);
    Function &Callee = *X.Callee;
    StructType *BlockTy = blockType(*CI);
    const DataLayout &DL = M.getDataLayout();
    IRBuilder<> Entry(&*X.Caller->getEntryBlock().getFirstInsertionPt());
    Entry.SetCurrentDebugLocation(DebugLoc());
    AllocaInst *Block = Entry.CreateAlloca(BlockTy, DL.getAllocaAddrSpace(),
                                           nullptr, "bh.args");
    Block->setAlignment(DL.getPrefTypeAlign(BlockTy));
    IRBuilder<> B(CI);
    SmallVector<std::pair<Value *, std::pair<uint64_t, Align>>, 4> Scrub;
    Value *BlockAt = blockAddress(B, Block, X.From);
    Scrub.push_back({BlockAt, {DL.getTypeAllocSize(BlockTy), Block->getAlign()}});
    for (unsigned I = 0, E = CI->arg_size(); I != E; ++I) {
      Value *A = CI->getArgOperand(I);
      if (I < Callee.arg_size() && Callee.hasParamAttribute(I, Attribute::ByVal)) {
        Type *T = Callee.getParamByValType(I);
        Align Al = std::max(Callee.getParamAlign(I).valueOrOne(),
                            DL.getABITypeAlign(T));
        AllocaInst *Copy = Entry.CreateAlloca(T, DL.getAllocaAddrSpace(),
                                              nullptr, "bh.byval");
        Copy->setAlignment(Al);
        Value *CopyAt = blockAddress(B, Copy, X.From);
        B.CreateMemCpy(CopyAt, Al, A, CI->getParamAlign(I).valueOrOne(),
                       DL.getTypeAllocSize(T));
        Scrub.push_back({CopyAt, {DL.getTypeAllocSize(T), Al}});
        A = CopyAt;
      }
      B.CreateStore(A, B.CreateStructGEP(BlockTy, BlockAt, I));
    }
    CallInst *New = B.CreateCall(Stub.getFunctionType(), &Stub, {BlockAt});
    IRBuilder<> After(CI->getNextNode());
    Value *Result = New;
    if (returnsThroughBlock(CI->getFunctionType()))
      Result = After.CreateLoad(CI->getType(),
                                After.CreateStructGEP(BlockTy, BlockAt, CI->arg_size()));
    if (!Map.onSharedStack(X.From))
      for (auto &[P, SizeAlign] : Scrub)
        After.CreateMemSet(P, After.getInt8(0), SizeAlign.first, SizeAlign.second,
                           /*isVolatile=*/true);
    New->setCallingConv(Stub.getCallingConv());
    // Return attributes only: the call's function attributes (memory(...))
    // would let the optimizer drop the stores into the block.
    if (Result == New)
      New->setAttributes(AttributeList::get(Ctx, AttributeSet(),
                                            CI->getAttributes().getRetAttrs(), {}));
    New->setDebugLoc(CI->getDebugLoc());
    Result->takeName(CI);
    CI->replaceAllUsesWith(Result);
    CI->eraseFromParent();
  }

  /// Creates __bh_gate_c<from>_<callee> once per (from, callee).
  Function *getOrCreateStub(Function &Callee, unsigned From, unsigned To) {
    Function *&Stub = Stubs[{From, &Callee}];
    if (Stub)
      return Stub;
    std::string Name =
        (GatePrefix + std::to_string(From) + "_" + Callee.getName()).str();
    // checkTemplate() accepted the template already.
    std::string Asm = cantFail(instantiateTemplate(
        *Cfg.GateTemplate, templateValues(Name, From, To, Callee.getFunctionType())));
    Stub = Function::Create(Callee.getFunctionType(), GlobalValue::ExternalLinkage,
                            Name, M);
    // External (not internal) so GlobalOpt keeps its calling convention;
    // hidden + dso_local so calls are direct and nothing is exported.
    Stub->setVisibility(GlobalValue::HiddenVisibility);
    Stub->setDSOLocal(true);
    Stub->setSection(".bh.gates");
    Stub->setCallingConv(Callee.getCallingConv());
    Stub->setAlignment(Align(16));
    // The "i" operand must be a link-time constant: a definition of this
    // static image is never preempted, so say so (non-dso_local symbols are
    // rejected as immediates).
    Callee.setDSOLocal(true);
    Stub->addFnAttr(Attribute::Naked);
    Stub->addFnAttr(Attribute::NoInline);
    Stub->addFnAttr(Attribute::NoUnwind);
    IRBuilder<> B(BasicBlock::Create(Ctx, "", Stub));
    auto *AsmTy = FunctionType::get(B.getVoidTy(), {Callee.getType()}, false);
    B.CreateCall(InlineAsm::get(AsmTy, Asm, GateConstraints,
                                /*hasSideEffects=*/true),
                 {&Callee});
    B.CreateUnreachable();
    ++NumGates;
    LLVM_DEBUG(dbgs() << "bulkhead: gate " << Name << " (c" << From << " -> c"
                      << To << ")\n");
    return Stub;
  }

  /// Leaves the report for bulkhead-finalize in !bulkhead.report.
  void recordReport() {
    json::Object Report{{"gates", std::move(Gates)},
                        {"direct_crossings", std::move(Direct)},
                        {"shared_globals", std::move(SharedGlobals)},
                        {"refusals", json::Array()}};
    std::string Text;
    raw_string_ostream(Text) << json::Value(std::move(Report));
    NamedMDNode *NMD = M.getOrInsertNamedMetadata(ReportMDName);
    NMD->clearOperands();
    NMD->addOperand(MDNode::get(Ctx, MDString::get(Ctx, Text)));
  }
};

} // namespace

PreservedAnalyses PartitionPass::run(Module &M, ModuleAnalysisManager &) {
  if (M.getModuleFlag(PartitionedFlag))
    return PreservedAnalyses::all();
  Expected<CompartmentMap> Map = CompartmentMap::fromModule(M);
  if (!Map) {
    reportError(M.getContext(), toString(Map.takeError()));
    M.addModuleFlag(Module::Max, PartitionFailedFlag, 1);
    return PreservedAnalyses::none();
  }
  if (!Partitioner(M, *Map).run()) {
    // The errors name every call site; the link fails on them alone.
    M.addModuleFlag(Module::Max, PartitionFailedFlag, 1);
    return PreservedAnalyses::none();
  }
  return PreservedAnalyses::none();
}

} // namespace bulkhead
