//===- Partition.cpp - bulkhead-partition: place, share, gate --------------===//
//
// Runs at the start of the full-LTO pipeline on the merged module.  run()
// only loads the configuration and hands off to Partitioner, which first
// collects (EdgeAnalysis), reports every error and refusal, and only then
// rewrites: sections, shared globals, gate stubs (docs/design.md 3-4).
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "Marshal.h"
#include "Shares.h"
#include "SysVAbi.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/DebugInfoMetadata.h"
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
void addWrpkruValues(StringMap<std::string> &Values, const sysv::RegisterUse &U) {
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
    for (unsigned I = Used; I < sysv::VecRegs; ++I)
      Out.push_back("pxor %xmm" + std::to_string(I) + ", %xmm" + std::to_string(I));
  };
  SmallVector<std::string, 16> Scrub;
  for (unsigned I = U.ArgInts; I < sysv::IntArgRegs; ++I) {
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
  Partitioner(Module &M, const CompartmentMap &Map, const LegalEntries &Entries)
      : M(M), Ctx(M.getContext()), Map(Map), Cfg(Map.config()), Entries(Entries),
        Marshal(M, Map) {}

  /// Returns false after reporting errors (the module is left unchanged).
  bool run() {
    EdgeSet Edges = collectEdges(M, Map, Entries);
    Declared = resolveShares(M, Map, Edges.Errors);
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
  const LegalEntries &Entries;
  Marshaller Marshal;
  SmallPtrSet<GlobalVariable *, 16> Shared;
  /// The globals the configuration's shares name (shared under every policy).
  SmallPtrSet<GlobalVariable *, 8> Declared;
  DenseMap<std::pair<unsigned, Function *>, Function *> Stubs;
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
        std::string Name = compartmentSymbol(*C, Suffix);
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
    // Where each side's stack resumes (a private gate's %gs:__bh_c<N>_sp): its
    // own slot on a private stack, the shared stack's ("s") otherwise.
    Values["from_sp"] = F.GateSlots ? std::to_string(From) : "s";
    Values["to_sp"] = T.GateSlots ? std::to_string(To) : "s";
    sysv::RegisterUse U = FT ? sysv::registerUse(FT) : sysv::RegisterUse{};
    Values["clear_args"] = clearRegisters(U.ArgInts, U.ArgVecs, ArgIntRegs, sysv::IntArgRegs,
                                          sysv::VecArgRegs);
    Values["clear_ret"] = clearRegisters(U.RetInts, U.RetVecs, RetIntRegs, sysv::IntRetRegs,
                                         sysv::VecRetRegs);
    addWrpkruValues(Values, U);
    return Values;
  }

  /// Checks the gate template once, before anything is rewritten.
  std::optional<std::string> checkTemplate() const {
    if (!Cfg.GateTemplate)
      return std::nullopt;
    for (unsigned I = 0; I < Cfg.Compartments.size(); ++I) {
      Expected<std::string> Asm =
          instantiateTemplate(Cfg.templateOf(I), templateValues("stub", I, I));
      if (!Asm)
        return toString(Asm.takeError());
    }
    return std::nullopt;
  }

  /// Under policy shared_globals = "error", every data edge is an error.
  void dataEdgeErrors(EdgeSet &Edges) {
    std::vector<DataEdge> Kept;
    for (DataEdge &E : Edges.DataEdges) {
      if (Declared.contains(E.GV)) {
        Kept.push_back(std::move(E)); // named in shares: shared, and listed as such
        continue;
      }
      if (Cfg.SharedGlobalsDeclared) {
        Edges.Errors.push_back(declaredError(E));
        continue;
      }
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
    Edges.DataEdges = std::move(Kept);
  }

  /// Under shared_globals = "declared": the global, where it is defined and
  /// used, and the line that would share it.
  std::string declaredError(const DataEdge &E) const {
    const Function &User = *E.Foreign.front();
    std::string Site = globalSite(*E.GV), UserSite;
    if (const DISubprogram *SP = User.getSubprogram())
      UserSite = (SP->getFilename() + ":" + Twine(SP->getLine())).str();
    const std::string &Owner = Cfg.Compartments[E.Owner].Name;
    return "global '" + shareEntry(*E.GV) + "'" + (Site.empty() ? "" : " (" + Site + ")") +
           " of compartment " + Owner + " is used by '" + User.getName().str() + "'" +
           (UserSite.empty() ? "" : " (" + UserSite + ")") + " of compartment " +
           Cfg.Compartments[*Map.compartmentOf(User)].Name +
           ", and policies.shared_globals = \"declared\" shares only what the configuration "
           "names: add shares = [\"" + shareEntry(*E.GV) + "\"] to compartment " + Owner +
           ", or keep the global in its compartment";
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
    // Named in a compartment's shares (a global nobody else uses yet included).
    for (GlobalVariable *GV : Declared)
      Shared.insert(GV);
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
    return Map.isSystem(GO) ? SystemSectionSuffix : "";
  }

  /// Functions go to their compartment's text, neutral ones to shared text.
  void placeFunctions() {
    for (Function &F : M) {
      std::optional<unsigned> C = Map.compartmentOf(F);
      if (F.isDeclaration() || !C || hasSystemSection(F))
        continue;
      F.setSection(Map.isNeutral(F) ? std::string(SharedSectionBase) + ".text"
                                    : compartmentSectionBase(*C) + ".text" + systemSuffix(F));
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
        placeGlobal(GV, SharedSectionBase);
      else
        placeGlobal(GV, compartmentSectionBase(*C), systemSuffix(GV));
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
        Function *Thunk = Marshal.thunkFor(*X.Callee, *X.Call, X.To);
        Function *Stub = getOrCreateStub(*Thunk, X.From, X.To);
        Marshal.rewriteCall(X, *Stub);
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

  /// Creates __bh_gate_c<from>_<callee> once per (from, callee).
  Function *getOrCreateStub(Function &Callee, unsigned From, unsigned To) {
    Function *&Stub = Stubs[{From, &Callee}];
    if (Stub)
      return Stub;
    std::string Name = gateStubName(From, Callee.getName());
    // checkTemplate() accepted the template already.
    std::string Asm = cantFail(instantiateTemplate(
        Cfg.templateFor(From, To), templateValues(Name, From, To, Callee.getFunctionType())));
    Stub = Function::Create(Callee.getFunctionType(), GlobalValue::ExternalLinkage,
                            Name, M);
    // External (not internal) so GlobalOpt keeps its calling convention;
    // hidden + dso_local so calls are direct and nothing is exported.
    Stub->setVisibility(GlobalValue::HiddenVisibility);
    Stub->setDSOLocal(true);
    Stub->setSection(GatesSection);
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

PreservedAnalyses PartitionPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getModuleFlag(PartitionedFlag))
    return PreservedAnalyses::all();
  const ConfigInfo &Config = MAM.getResult<ConfigAnalysis>(M);
  if (!Config.map()) {
    reportError(M.getContext(), Config.error());
    M.addModuleFlag(Module::Max, PartitionFailedFlag, 1);
    return PreservedAnalyses::none();
  }
  if (!Partitioner(M, *Config.map(), MAM.getResult<EntryAnalysis>(M)).run()) {
    // The errors name every call site; the link fails on them alone.
    M.addModuleFlag(Module::Max, PartitionFailedFlag, 1);
    return PreservedAnalyses::none();
  }
  return PreservedAnalyses::none();
}

} // namespace bulkhead
