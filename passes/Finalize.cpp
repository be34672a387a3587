//===- Finalize.cpp - bulkhead-finalize: image tables, marker, manifest ---===//
//
// Runs at the end of the full-LTO pipeline, when the set of symbols is final.
// Emits, in section .bh.meta, `__bh_image` and the tables it points at
// (layouts: abi/abi.toml, through the generated kernel/include/bulkhead/abi.h),
// the marker `__bulkhead_pass_ran` the linker script ASSERTs, a reference to
// the kernel's `__bh_abi_v<N>` (a pass and a kernel of different ABI versions
// fail the link), and writes the manifest.
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "Analysis.h"
#include "CompartmentMap.h"
#include "Names.h"
#include "Shares.h"
#include "bulkhead/abi.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include <iterator>

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumSymbols, "Entries in the __bh_image symbol table");
STATISTIC(NumAuditedCalls, "Gated calls counted for the audit summary");

namespace bulkhead {

namespace {

constexpr unsigned ImageVersion = BH_ABI_VERSION;
constexpr unsigned SharedIndex = BH_SHARED_COMPARTMENT;
constexpr unsigned NoComponent = BH_NO_COMPONENT;
enum SymbolKind {
  SymFunction = BH_SYM_FUNCTION,
  SymObject = BH_SYM_OBJECT,
  SymGate = BH_SYM_GATE
};
// emit(), compartments() and symbols() fill the fields in abi.toml's order.
static_assert(std::size(abi::ImageFields) == 11 &&
                  std::size(abi::CompartmentFields) == 8 &&
                  std::size(abi::SymbolFields) == 6 &&
                  std::size(abi::AuditgateFields) == 5 &&
                  std::size(abi::RegionFields) == 2,
              "abi/abi.toml changed a layout: update the initializers here");
constexpr const char *MetaSection = ".bh.meta";
/// The regions of struct bh_compartment, in order (the heap lies inside bss).
constexpr const char *RegionKinds[] = {"text", "rodata", "data", "bss", "heap"};

/// The compartment a final section belongs to, or SharedIndex.
unsigned compartmentOfSection(StringRef Sec) {
  unsigned I;
  if (Sec.consume_front(".bh.c") && !Sec.consumeInteger(10, I) &&
      Sec.starts_with("."))
    return I;
  return SharedIndex;
}

bool isGateStub(const Function &F) {
  return F.getName().starts_with(GatePrefix) && F.getSection() == GatesSection;
}

/// One entry of the symbol table, as the manifest and __bh_image see it.
struct SymbolInfo {
  const GlobalObject *GO;
  SymbolKind Kind;
  uint64_t Size;
  unsigned Component, Compartment;
  std::string Section;
};

/// Every tagged definition still present, plus the gate stubs.
std::vector<SymbolInfo> collectSymbols(const Module &M,
                                       const CompartmentMap &Map) {
  std::vector<SymbolInfo> Syms;
  const DataLayout &DL = M.getDataLayout();
  for (const Function &F : M) {
    if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
      continue;
    if (isGateStub(F)) {
      Syms.push_back({&F, SymGate, 0, NoComponent, SharedIndex, GatesSection});
      continue;
    }
    std::optional<StringRef> C = CompartmentMap::componentOf(F);
    if (!C)
      continue;
    std::string Sec = F.getSection().str();
    Syms.push_back({&F, SymFunction, 0, Map.componentIndex(*C),
                    compartmentOfSection(Sec), Sec});
  }
  for (const GlobalVariable &GV : M.globals()) {
    std::optional<StringRef> C = CompartmentMap::componentOf(GV);
    if (GV.isDeclaration() || GV.hasAvailableExternallyLinkage() || !C)
      continue;
    std::string Sec = placedSection(GV);
    Syms.push_back({&GV, SymObject, DL.getTypeAllocSize(GV.getValueType()),
                    Map.componentIndex(*C), compartmentOfSection(Sec), Sec});
  }
  return Syms;
}

/// Emits the tables of image.h into the module.
class ImageEmitter {
public:
  ImageEmitter(Module &M, const CompartmentMap &Map)
      : M(M), Ctx(M.getContext()), Map(Map), Cfg(Map.config()) {
    PtrTy = PointerType::getUnqual(Ctx);
    I16 = Type::getInt16Ty(Ctx);
    I32 = Type::getInt32Ty(Ctx);
    I64 = Type::getInt64Ty(Ctx);
    RegionTy = layout(abi::RegionFields);
    CompartmentTy = layout(abi::CompartmentFields);
    SymbolTy = layout(abi::SymbolFields);
    ImageTy = layout(abi::ImageFields);
    AuditGateTy = layout(abi::AuditgateFields);
  }

  void emit(const std::vector<SymbolInfo> &Syms) {
    GlobalVariable *Comps = compartments();
    GlobalVariable *Names = components();
    GlobalVariable *Table = symbols(Syms);
    Constant *Fields[] = {
        ConstantInt::get(I32, ImageVersion),
        ConstantInt::get(I32, Cfg.Compartments.size()),
        ConstantInt::get(I32, Map.components().size()),
        ConstantInt::get(I32, Syms.size()),
        ConstantInt::get(I32, Map.kernelCompartment()),
        ConstantInt::get(I32, Cfg.SharedKey),
        str(Cfg.Name),
        str(Cfg.Backend),
        Comps,
        Names,
        Table};
    GlobalVariable *Image = define("__bh_image", ImageTy,
                                   ConstantStruct::get(ImageTy, Fields));
    GlobalVariable *Marker =
        define(MarkerName, I32, ConstantInt::get(I32, 1));
    // Only a kernel of the same ABI version defines this symbol: any other
    // fails the link with "undefined symbol: __bh_abi_v<N>".
    GlobalVariable *AbiRef =
        define("__bh_abi_ref", PtrTy, externalByte(BH_ABI_SYMBOL_NAME),
               GlobalValue::InternalLinkage);
    appendToUsed(M, {Image, Marker, Comps, Names, Table, AbiRef});
    if (Cfg.Audit)
      appendToUsed(M, {auditGates()});
  }

private:
  Module &M;
  LLVMContext &Ctx;
  const CompartmentMap &Map;
  const Config &Cfg;
  Type *PtrTy, *I16, *I32, *I64;
  StructType *RegionTy, *CompartmentTy, *SymbolTy, *ImageTy, *AuditGateTy;
  StringMap<GlobalVariable *> Strings;

  /// A NUL-terminated name in .bh.meta.  Not unnamed_addr: a mergeable
  /// string would need an SHF_MERGE section of its own.
  Constant *str(StringRef S) {
    GlobalVariable *&GV = Strings[S];
    if (!GV) {
      Constant *Init = ConstantDataArray::getString(Ctx, S);
      GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                              GlobalValue::PrivateLinkage, Init, "__bh_name");
      GV->setSection(MetaSection);
      GV->setAlignment(Align(1));
    }
    return GV;
  }

  /// Defines the constant \p Name in .bh.meta, replacing a declaration of it
  /// (the kernel refers to __bh_image before the pass defines it).
  GlobalVariable *define(StringRef Name, Type *Ty, Constant *Init,
                         GlobalValue::LinkageTypes Linkage =
                             GlobalValue::ExternalLinkage) {
    GlobalVariable *Old = M.getNamedGlobal(Name);
    auto *GV = new GlobalVariable(M, Ty, /*isConstant=*/true, Linkage, Init,
                                  Old ? "" : Name);
    if (Old) {
      GV->copyAttributesFrom(Old);
      Old->replaceAllUsesWith(GV);
      GV->takeName(Old);
      Old->eraseFromParent();
    }
    GV->setLinkage(Linkage);
    GV->setConstant(true);
    GV->setSection(MetaSection);
    GV->setAlignment(Align(8));
    if (!GV->hasLocalLinkage())
      GV->setDSOLocal(true);
    return GV;
  }

  /// The LLVM struct type of a layout of abi.h (fields "i8".."i64", "ptr",
  /// "struct bh_region"; Count > 1: an array).
  StructType *layout(ArrayRef<abi::FieldSpec> Fields) {
    std::vector<Type *> Tys;
    for (const abi::FieldSpec &F : Fields) {
      StringRef T = F.Type;
      unsigned Bits;
      Type *Ty = nullptr;
      if (T == "ptr")
        Ty = PtrTy;
      else if (T == "struct bh_region")
        Ty = RegionTy;
      else if (T.consume_front("i") && !T.getAsInteger(10, Bits))
        Ty = Type::getIntNTy(Ctx, Bits);
      if (!Ty)
        report_fatal_error(Twine("bulkhead: abi.h field type ") + F.Type +
                           " is not one Finalize.cpp knows");
      Tys.push_back(F.Count > 1 ? ArrayType::get(Ty, F.Count) : Ty);
    }
    return StructType::get(Ctx, Tys);
  }

  /// An external i8 the linker script defines (__bh_c<i>_<kind>_<edge>).
  Constant *regionSymbol(unsigned I, StringRef Kind, StringRef Edge) {
    return externalByte(
        ("__bh_c" + Twine(I) + "_" + Kind + "_" + Edge).str());
  }

  /// An external i8 defined outside the module (the linker script, the kernel).
  Constant *externalByte(const std::string &Name) {
    GlobalVariable *GV = M.getNamedGlobal(Name);
    if (!GV) {
      GV = new GlobalVariable(M, Type::getInt8Ty(Ctx), /*isConstant=*/false,
                              GlobalValue::ExternalLinkage, nullptr, Name);
      GV->setDSOLocal(true);
    }
    return GV;
  }

  GlobalVariable *compartments() {
    std::vector<Constant *> Elts;
    for (const Compartment &C : Cfg.Compartments) {
      std::vector<Constant *> F = {str(C.Name), ConstantInt::get(I32, C.Key),
                                   ConstantInt::get(I32, C.Pkru)};
      for (StringRef K : RegionKinds)
        F.push_back(ConstantStruct::get(
            RegionTy, {regionSymbol(C.Index, K, "start"),
                       regionSymbol(C.Index, K, "end")}));
      Elts.push_back(ConstantStruct::get(CompartmentTy, F));
    }
    auto *Ty = ArrayType::get(CompartmentTy, Elts.size());
    return define("__bh_compartments", Ty, ConstantArray::get(Ty, Elts),
                  GlobalValue::InternalLinkage);
  }

  GlobalVariable *components() {
    std::vector<Constant *> Elts;
    for (const std::string &C : Map.components())
      Elts.push_back(str(C));
    auto *Ty = ArrayType::get(PtrTy, Elts.size());
    return define("__bh_components", Ty, ConstantArray::get(Ty, Elts),
                  GlobalValue::InternalLinkage);
  }

  /// Audit images (policy audit = "on"): before every call of a gate stub,
  /// the caller adds one to that gate's counter, a word of the shared data
  /// (every domain may write it, and under backend vm every machine shares
  /// it), so the kernel's audit summary can list which entry points each
  /// compartment really called: the run from which a user writes exports
  /// and calls (kernel/audit.c).  __bh_audit_gates lists each gate with its
  /// counter, its callee and both compartments, and ends with a null stub.
  /// Counting after optimization sees the calls that remain: a gated call is
  /// never inlined (the stub is naked and noinline), so each one is counted.
  GlobalVariable *auditGates() {
    std::vector<Constant *> Elts;
    for (Function &Stub : M) {
      if (!isGateStub(Stub) || Stub.isDeclaration())
        continue;
      StringRef Rest = Stub.getName().drop_front(StringRef(GatePrefix).size());
      unsigned From;
      if (Rest.consumeInteger(10, From))
        continue; // not a name gateStubName() made
      Function *Callee = stubCallee(Stub);
      auto *Count = new GlobalVariable(
          M, I64, /*isConstant=*/false, GlobalValue::InternalLinkage,
          ConstantInt::get(I64, 0), AuditCountPrefix + Stub.getName());
      Count->setSection((Twine(SharedSectionBase) + ".data").str());
      Count->setAlignment(Align(8));
      for (User *U : make_early_inc_range(Stub.users())) {
        auto *Call = dyn_cast<CallBase>(U);
        if (!Call || Call->getCalledOperand() != &Stub)
          continue;
        IRBuilder<> B(Call);
        B.CreateAtomicRMW(AtomicRMWInst::Add, Count, ConstantInt::get(I64, 1),
                          MaybeAlign(8), AtomicOrdering::Monotonic);
        ++NumAuditedCalls;
      }
      Constant *NullPtr = ConstantPointerNull::get(PointerType::getUnqual(Ctx));
      unsigned To = Callee ? compartmentOfSection(Callee->getSection()) : SharedIndex;
      Elts.push_back(ConstantStruct::get(
          AuditGateTy, {Count, &Stub, Callee ? static_cast<Constant *>(Callee) : NullPtr,
                        ConstantInt::get(I32, From), ConstantInt::get(I32, To)}));
    }
    Elts.push_back(Constant::getNullValue(AuditGateTy));
    auto *Ty = ArrayType::get(AuditGateTy, Elts.size());
    return define(AuditGatesName, Ty, ConstantArray::get(Ty, Elts));
  }

  /// The function a gate stub enters: the operand of its body's inline asm.
  static Function *stubCallee(Function &Stub) {
    for (Instruction &I : Stub.getEntryBlock())
      if (auto *Call = dyn_cast<CallInst>(&I))
        if (Call->isInlineAsm() && Call->arg_size() > 0)
          return dyn_cast<Function>(Call->getArgOperand(0)->stripPointerCasts());
    return nullptr;
  }

  GlobalVariable *symbols(const std::vector<SymbolInfo> &Syms) {
    std::vector<Constant *> Elts;
    for (const SymbolInfo &S : Syms) {
      Elts.push_back(ConstantStruct::get(
          SymbolTy,
          {const_cast<GlobalObject *>(S.GO), ConstantInt::get(I64, S.Size),
           str(S.GO->getName()), ConstantInt::get(I16, S.Component),
           ConstantInt::get(I16, S.Compartment),
           ConstantInt::get(I32, S.Kind)}));
      ++NumSymbols;
    }
    auto *Ty = ArrayType::get(SymbolTy, Elts.size());
    return define("__bh_symbols", Ty, ConstantArray::get(Ty, Elts),
                  GlobalValue::InternalLinkage);
  }
};

/// The JSON object an earlier bulkhead step left in the named metadata \p Name:
/// !bulkhead.report (bulkhead-partition: gates, shared globals, refusals) or
/// !bulkhead.dss (bulkhead-dss: shadow_locals, escaping_globals).  Empty if none.
json::Object readReport(const Module &M, StringRef Name) {
  const NamedMDNode *NMD = M.getNamedMetadata(Name);
  if (!NMD || NMD->getNumOperands() != 1)
    return {};
  const auto *S = dyn_cast<MDString>(NMD->getOperand(0)->getOperand(0));
  Expected<json::Value> V = json::parse(S ? S->getString() : "");
  if (!V) {
    consumeError(V.takeError());
    return {};
  }
  json::Object *O = V->getAsObject();
  return O ? std::move(*O) : json::Object();
}

json::Array copyArray(const json::Object &O, StringRef Key) {
  const json::Array *A = O.getArray(Key);
  return A ? *A : json::Array();
}

const char *kindName(SymbolKind K) {
  return K == SymFunction ? "function" : K == SymObject ? "object" : "gate";
}

} // namespace

json::Value buildManifest(const Module &M, const CompartmentMap &Map,
                          const json::Object &Report) {
  const Config &Cfg = Map.config();
  std::vector<SymbolInfo> Syms = collectSymbols(M, Map);
  size_t N = Cfg.Compartments.size();
  std::vector<json::Array> Fns(N), Gvs(N);
  json::Array Symbols, Neutral;
  unsigned Stubs = 0, NumFns = 0, NumGvs = 0;
  for (const SymbolInfo &S : Syms) {
    StringRef Name = S.GO->getName();
    if (S.Compartment < N)
      (S.Kind == SymObject ? Gvs : Fns)[S.Compartment].push_back(Name);
    Stubs += S.Kind == SymGate;
    NumFns += S.Kind == SymFunction;
    NumGvs += S.Kind == SymObject;
    json::Object Sym{{"name", Name},
                     {"kind", kindName(S.Kind)},
                     {"section", S.Section},
                     {"size", S.Size}};
    Sym["component"] = S.Component == NoComponent
                           ? json::Value(nullptr)
                           : json::Value(Map.components()[S.Component]);
    Sym["compartment"] = S.Compartment == SharedIndex
                             ? json::Value("shared")
                             : json::Value(S.Compartment);
    // For a global: the shares entry that would share it ("file.c:name",
    // the source name of a static LTO renamed) and where it is defined, so a
    // fault report on it can name the line to add (scripts/bulkhead/advice.py).
    if (const auto *GV = dyn_cast<GlobalVariable>(S.GO)) {
      Sym["share"] = shareEntry(*GV);
      if (std::string Site = globalSite(*GV); !Site.empty())
        Sym["site"] = Site;
    }
    Symbols.push_back(std::move(Sym));
  }
  for (const std::string &Name : Cfg.Neutral) {
    const Function *F = M.getFunction(Name);
    if (F && !F->isDeclaration())
      Neutral.push_back(json::Object{{"name", Name}, {"section", F->getSection()}});
  }
  json::Array Comps;
  for (const Compartment &C : Cfg.Compartments)
    Comps.push_back(json::Object{{"name", C.Name},
                                 {"index", C.Index},
                                 {"key", C.Key},
                                 {"pkru", C.Pkru},
                                 {"components", json::Array(C.Components)},
                                 {"functions", std::move(Fns[C.Index])},
                                 {"globals", std::move(Gvs[C.Index])}});
  json::Array Gates = copyArray(Report, "gates");
  json::Array Direct = copyArray(Report, "direct_crossings");
  json::Array Shared = copyArray(Report, "shared_globals");
  json::Array Refusals = copyArray(Report, "refusals");
  json::Object Dss = readReport(M, DssMDName);
  json::Array Shadowed = copyArray(Dss, "shadow_locals");
  json::Array Escaping = copyArray(Dss, "escaping_globals");
  json::Object Icall = readReport(M, IcallMDName);
  json::Array Indirect = copyArray(Icall, "indirect_calls");
  json::Array Callbacks = copyArray(Icall, "callback_entries");
  json::Array Confined = copyArray(Icall, "confined_functions");
  json::Object Stats{{"gates", Stubs},
                     {"shadow_locals", Shadowed.size()},
                     {"escaping_globals", Escaping.size()},
                     {"indirect_calls", Indirect.size()},
                     {"gated_calls", Gates.size()},
                     {"direct_crossings", Direct.size()},
                     {"shared_globals", Shared.size()},
                     {"refusals", Refusals.size()},
                     {"functions", NumFns},
                     {"globals", NumGvs}};
  json::Object Out{{"name", Cfg.Name},
                   {"backend", Cfg.Backend},
                   {"shared_key", Cfg.SharedKey},
                   {"kernel_compartment", Map.kernelCompartment()},
                   {"compartments", std::move(Comps)},
                   {"gates", std::move(Gates)},
                   {"direct_crossings", std::move(Direct)},
                   {"shared_globals", std::move(Shared)},
                   {"neutral", std::move(Neutral)},
                   {"refusals", std::move(Refusals)},
                   {"shadow_locals", std::move(Shadowed)},
                   {"escaping_globals", std::move(Escaping)},
                   {"indirect_calls", std::move(Indirect)},
                   {"callback_entries", std::move(Callbacks)},
                   {"confined_functions", std::move(Confined)},
                   {"symbols", std::move(Symbols)},
                   {"stats", std::move(Stats)}};
  if (const json::Array *Errors = Report.getArray("errors"))
    Out["errors"] = json::Array(*Errors);
  return Out;
}

PreservedAnalyses FinalizePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (const GlobalVariable *Marker = M.getNamedGlobal(MarkerName))
    if (!Marker->isDeclaration())
      return PreservedAnalyses::all(); // finalized already
  if (M.getModuleFlag(PartitionFailedFlag))
    return PreservedAnalyses::all(); // bulkhead-partition reported why already
  const ConfigInfo &Config = MAM.getResult<ConfigAnalysis>(M);
  if (!Config.map()) {
    reportError(M.getContext(), Config.error());
    return PreservedAnalyses::all();
  }
  const CompartmentMap *Map = Config.map();
  if (!M.getModuleFlag(PartitionedFlag)) {
    reportError(M.getContext(),
                "bulkhead-finalize: the module was not partitioned "
                "(bulkhead-partition failed or did not run)");
    return PreservedAnalyses::all();
  }
  std::vector<SymbolInfo> Syms = collectSymbols(M, *Map);
  LLVM_DEBUG(dbgs() << "bulkhead: image table with " << Syms.size()
                    << " symbols\n");
  ImageEmitter(M, *Map).emit(Syms);
  if (const std::optional<std::string> &Path = Map->config().Manifest)
    writeManifestFile(M.getContext(), *Path,
                      buildManifest(M, *Map, readReport(M, ReportMDName)));
  return PreservedAnalyses::none();
}

} // namespace bulkhead
