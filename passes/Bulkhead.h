//===- Bulkhead.h - bulkhead link-time passes: shared declarations --------===//
//
// The three module passes of the plugin and the helpers they share.  The
// contracts (configuration JSON, section names, gate stubs) are in
// docs/design.md; the tables emitted by the finalize step follow
// kernel/include/bulkhead/image.h.
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_BULKHEAD_H
#define BULKHEAD_PASSES_BULKHEAD_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/JSON.h"
#include <string>

#include "Names.h"

namespace llvm {
class Module;
class LLVMContext;
class GlobalVariable;
class IRBuilderBase;
class Value;
} // namespace llvm

namespace bulkhead {

/// __bh_c<i>_dss_delta (stack bottom - data shadow stack bottom), the linker
/// script's absolute symbol, declared in \p M once.  Its value may be
/// negative (backend vm: the shadows are in the shared memory above every
/// machine's own), so it carries !absolute_symbol with the full range: the
/// code generator then never puts it in a 32-bit zero-extended immediate.
llvm::GlobalVariable *dssDeltaSymbol(llvm::Module &M, unsigned Compartment);

/// The i64 to subtract from a stack address of code of compartment \p
/// Compartment to get its shadow.  Code of a system component (\p System) may
/// run on another compartment's stack -- backend vm boots the kernel and runs
/// its runtime in every machine, on that machine's stacks -- so it loads the
/// delta of the stack it runs on from __bh_system_dss_delta (the linker
/// script's word in the kernel's data, each vm machine's own copy patched by
/// gates/vm/host.py); other code uses its compartment's constant.
llvm::Value *dssDelta(llvm::IRBuilderBase &B, llvm::Module &M, unsigned Compartment, bool System);

/// A user-facing error or warning of the plugin ("bulkhead: <message>").
class DiagnosticInfoBulkhead : public llvm::DiagnosticInfo {
  const llvm::Twine &Msg;

public:
  DiagnosticInfoBulkhead(const llvm::Twine &Msg,
                         llvm::DiagnosticSeverity Severity = llvm::DS_Error);
  void print(llvm::DiagnosticPrinter &DP) const override;
  static bool classof(const llvm::DiagnosticInfo *DI);
};

/// Reports a user error through the context's diagnostic handler.
void reportError(llvm::LLVMContext &Ctx, const llvm::Twine &Msg);

class CompartmentMap;

/// Builds the manifest from the module's final placement, the configuration
/// and the partition report (gates, direct crossings, shared globals,
/// refusals, errors).
llvm::json::Value buildManifest(const llvm::Module &M, const CompartmentMap &Map,
                                const llvm::json::Object &Report);

/// Reports several user errors as one diagnostic, one "bulkhead: " line
/// each (opt's default handler exits after the first error diagnostic).
void reportErrors(llvm::LLVMContext &Ctx, llvm::ArrayRef<std::string> Msgs);

/// Writes the manifest (pretty JSON) to \p Path; \p Manifest is complete.
/// Returns false after reporting an error when the file cannot be written.
bool writeManifestFile(llvm::LLVMContext &Ctx, llvm::StringRef Path,
                       const llvm::json::Value &Manifest);

/// bulkhead-tag<NAME>: tags every definition with component NAME.
class TagPass : public llvm::PassInfoMixin<TagPass> {
  std::string Component;

public:
  explicit TagPass(std::string Component) : Component(std::move(Component)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// bulkhead-dss: moves stack data whose address leaves a private-stack
/// compartment onto the data shadow stack (FullLinkTimeOptimizationEarly,
/// before bulkhead-partition).
class DataShadowStackPass : public llvm::PassInfoMixin<DataShadowStackPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// bulkhead-icall: turns each indirect call into direct calls of the legal
/// entries of other compartments (address-taken functions of its type),
/// which bulkhead-partition gates, and a check of any other target
/// (FullLinkTimeOptimizationEarly, first).
class IndirectCallPass : public llvm::PassInfoMixin<IndirectCallPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// bulkhead-partition: checks identities and edges, places every definition
/// in its compartment's sections, creates the gates (FullLTO early EP).
class PartitionPass : public llvm::PassInfoMixin<PartitionPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// bulkhead-finalize: emits __bh_image and its tables, the marker, and the
/// manifest (FullLTO last EP).
class FinalizePass : public llvm::PassInfoMixin<FinalizePass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// bulkhead-thinlto-check: fails a ThinLTO backend compile of tagged code.
class ThinLTOCheckPass : public llvm::PassInfoMixin<ThinLTOCheckPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// Returns true when \p Name is a valid component name ([A-Za-z0-9_.-]+).
bool isValidComponentName(llvm::StringRef Name);

/// Returns the section a global variable will be emitted in: its explicit
/// section, or the implicit "bss-section"/"data-section" the pass set for
/// zero-initialized writable data (so that it stays SHT_NOBITS).
std::string placedSection(const llvm::GlobalVariable &GV);

} // namespace bulkhead

#endif
