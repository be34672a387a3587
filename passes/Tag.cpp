//===- Tag.cpp - bulkhead-tag<NAME>: component identity --------------------===//
//
// Run once per component at compile time: attaches !bulkhead.component
// !{!"NAME"} to every defined function and global variable (docs/design.md 1).
//
// With -bulkhead-component-map=FILE (opt only; a JSON object
// {"symbol": "component", ...}), a definition named in the map gets the
// component the map gives it, every other definition gets NAME.  Tools that
// split one module into several components (the differential tester,
// tests/differential) use it; the usual build never sets it.
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/MemoryBuffer.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumTagged, "Definitions tagged with a component");

static cl::opt<std::string> ComponentMapFile(
    "bulkhead-component-map", cl::value_desc("file"), cl::init(""),
    cl::desc("bulkhead-tag: JSON object symbol -> component; definitions it "
             "names get that component instead of the pass's"));

namespace bulkhead {

namespace {

/// Reads the symbol -> component map; the error message names the file.
Expected<StringMap<std::string>> readComponentMap(StringRef Path) {
  auto Fail = [&](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(),
                             "component map '" + Path + "': " + Why);
  };
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return Fail(Buf.getError().message());
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V)
    return Fail(toString(V.takeError()));
  const json::Object *O = V->getAsObject();
  if (!O)
    return Fail("must be a JSON object {\"symbol\": \"component\", ...}");
  StringMap<std::string> Map;
  for (const auto &KV : *O) {
    std::optional<StringRef> C = KV.second.getAsString();
    if (!C || !isValidComponentName(*C))
      return Fail("the component of '" + StringRef(KV.first) +
                  "' must be a string of [A-Za-z0-9_.-]+");
    Map[KV.first] = C->str();
  }
  return Map;
}

} // namespace

PreservedAnalyses TagPass::run(Module &M, ModuleAnalysisManager &) {
  LLVMContext &Ctx = M.getContext();
  StringMap<std::string> Overrides;
  if (!ComponentMapFile.empty()) {
    Expected<StringMap<std::string>> Read = readComponentMap(ComponentMapFile);
    if (!Read) {
      reportError(Ctx, toString(Read.takeError()));
      return PreservedAnalyses::all();
    }
    Overrides = std::move(*Read);
  }
  MDNode *Tag = MDNode::get(Ctx, MDString::get(Ctx, Component));
  auto TagIt = [&](GlobalObject &GO) {
    // llvm.used, llvm.global_ctors, ...: appending globals merged by the linker.
    if (GO.isDeclaration() || GO.getName().starts_with("llvm."))
      return;
    auto It = Overrides.find(GO.getName());
    GO.setMetadata(ComponentMDKind,
                   It == Overrides.end()
                       ? Tag
                       : MDNode::get(Ctx, MDString::get(Ctx, It->second)));
    ++NumTagged;
  };
  for (Function &F : M)
    TagIt(F);
  for (GlobalVariable &GV : M.globals())
    TagIt(GV);
  // File-scope assembly has no definition to tag and is merged into one
  // string by the LTO link: keep whose it is, for bulkhead-partition's check
  // that it names no other compartment's symbols (Confinement.cpp).
  if (!M.getModuleInlineAsm().empty())
    M.getOrInsertNamedMetadata(ModuleAsmMDName)
        ->addOperand(MDNode::get(Ctx, {MDString::get(Ctx, Component),
                                       MDString::get(Ctx, M.getSourceFileName()),
                                       MDString::get(Ctx, M.getModuleInlineAsm())}));
  LLVM_DEBUG(dbgs() << "bulkhead: tagged " << M.getModuleIdentifier()
                    << " as component " << Component << "\n");
  return PreservedAnalyses::all(); // metadata only: no analysis is affected
}

} // namespace bulkhead
