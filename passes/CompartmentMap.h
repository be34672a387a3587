//===- CompartmentMap.h - configuration and symbol -> compartment map -----===//
//
// Parses the configuration carried in the link (named metadata
// !bulkhead.config, JSON schema version 1, docs/design.md section 2) and maps
// every tagged function or global (!bulkhead.component) to its compartment.
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_COMPARTMENTMAP_H
#define BULKHEAD_PASSES_COMPARTMENTMAP_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class Module;
class GlobalObject;
class Function;
} // namespace llvm

namespace bulkhead {

/// One entry of the configuration's "compartments" array.
struct Compartment {
  std::string Name;
  unsigned Index = 0;
  uint64_t Key = 0;
  uint64_t Pkru = 0;
  std::vector<std::string> Components;
  /// The compartment's backend options ("options": {"stack": "shared"}),
  /// string values only.
  llvm::StringMap<std::string> Options;
  /// Facts the driver derives from the backend (scripts/bulkhead/backends.py),
  /// so the pass never reads a backend's option names.  "dss": its stack is
  /// private (mpk's private stacks, every vm machine), so stack data whose
  /// address leaves the compartment lives on its data shadow stack.
  bool Dss = false;
  /// "gate_slots": its gate keeps per-thread slots %gs:__bh_c<i>_sp (mpk's
  /// private-stack gate), where the stack resumes after a crossing.
  bool GateSlots = false;
  /// "gate_template": the compartment's own gate template where it differs
  /// from the image's (mpk: the kernel's compartment keeps a private stack
  /// in a light image); None: the image's (Config::GateTemplate).  An edge
  /// takes Config::templateFor's choice.
  std::optional<std::string> GateTemplate;
  /// "calls": the compartments (by name) it may call; None: any.
  std::optional<std::vector<std::string>> Calls;
  /// "shares": globals of its components to share ("name" or "file:name").
  std::vector<std::string> Shares;
};

/// The validated configuration (schema version 1).
struct Config {
  std::string Name;
  std::string Backend;
  std::optional<std::string> GateTemplate; ///< None: crossings stay calls.

  /// The gate template of compartment \p I: its own, else the image's.
  const std::string &templateOf(unsigned I) const {
    return Compartments[I].GateTemplate ? *Compartments[I].GateTemplate : *GateTemplate;
  }
  /// The template of the edge From -> To (GateTemplate must be set): the
  /// endpoints' if they agree, else the one of the endpoint with gate slots
  /// (a compartment on a private stack: its state must be kept whoever calls
  /// it or is called by it).  parseConfig refuses any other disagreement.
  const std::string &templateFor(unsigned From, unsigned To) const {
    if (templateOf(From) == templateOf(To) || Compartments[From].GateSlots)
      return templateOf(From);
    return templateOf(To);
  }
  uint64_t SharedKey = 0;
  bool ShareGlobals = true;          ///< policies.shared_globals == "share" or "escape"
  /// policies.shared_globals == "declared": only the compartments' shares
  /// are shared; any other cross-compartment reference or escaping address
  /// is an error.
  bool SharedGlobalsDeclared = false;
  /// policies.shared_globals == "escape": also share every global whose
  /// address reaches another compartment (bulkhead-dss's escape analysis).
  bool ShareEscapingGlobals = false;
  bool RodataPerCompartment = false; ///< policies.rodata == "compartment"
  /// policies.stack_data == "shared-heap": locals whose address leaves a
  /// private-stack compartment are allocated from the shared heap instead
  /// of living on the data shadow stack.
  bool StackDataOnSharedHeap = false;
  /// policies.indirect_calls == "check" (the default): bulkhead-icall checks
  /// the target of every indirect call it leaves; "promote": it only turns
  /// the legal entries of other compartments into gated direct calls.
  bool CheckIndirectTargets = true;
  /// policies.audit == "on": bulkhead-finalize counts the calls through
  /// every gate (__bh_audit_gates), which the kernel's audit summary lists.
  bool Audit = false;
  std::vector<std::string> Neutral;
  /// System components (the kernel, the backend runtime): trusted library-OS
  /// code, never shared by policy, placed first in their compartment's
  /// regions ("system", optional).
  std::vector<std::string> System;
  std::vector<Compartment> Compartments;
  std::optional<std::string> Manifest;
  /// "exports": per component that declares them (component.toml `exports`),
  /// the functions and globals other compartments may call or reference.
  llvm::StringMap<std::vector<std::string>> Exports;
  /// "exports_files": where each list is declared, for messages.
  llvm::StringMap<std::string> ExportsFiles;
};

/// The configuration plus the lookups the passes need.
class CompartmentMap {
public:
  /// Reads !bulkhead.config from \p M.  The error message names what is
  /// missing or malformed; the caller reports it.
  static llvm::Expected<CompartmentMap> fromModule(const llvm::Module &M);

  const Config &config() const { return Cfg; }

  /// The component tag of \p GO, if it was compiled through bulkhead-tag.
  static std::optional<llvm::StringRef> componentOf(const llvm::GlobalObject &GO);

  /// The compartment index of component \p Component, if it is configured.
  std::optional<unsigned> compartmentOfComponent(llvm::StringRef Component) const;

  /// The compartment index of a tagged \p GO (None: untagged or unknown).
  std::optional<unsigned> compartmentOf(const llvm::GlobalObject &GO) const;

  /// Whether \p F is listed in "neutral" (and tagged).
  bool isNeutral(const llvm::Function &F) const;

  /// Whether \p GO belongs to a system component (config "system").
  bool isSystem(const llvm::GlobalObject &GO) const;

  /// All components in compartment order, then component order.
  const std::vector<std::string> &components() const { return AllComponents; }

  /// Index of \p Component in components(), or 0xffff.
  unsigned componentIndex(llvm::StringRef Component) const;

  /// The compartment holding component "kernel", or 0.
  unsigned kernelCompartment() const;

  /// Whether \p GO's component declares exports (then only those may be
  /// called or referenced from another compartment).
  bool declaresExports(const llvm::GlobalObject &GO) const;

  /// Whether another compartment may call or reference \p GO: its component
  /// declares no exports, or lists it.
  bool isExported(const llvm::GlobalObject &GO) const;

  /// Whether \p GO is listed in its component's exports.
  bool isListedExport(const llvm::GlobalObject &GO) const;

  /// "(exports in FILE)" for \p GO's component, or "".
  std::string exportsWhere(const llvm::GlobalObject &GO) const;

  /// Whether compartment \p From may call compartment \p To (its "calls"
  /// names To, or it has none; a compartment may always call itself).
  bool mayCall(unsigned From, unsigned To) const;

  /// Whether compartment \p I runs on a private stack, so that stack data
  /// another compartment must reach goes to its data shadow stack (or the
  /// shared heap): the configuration's fact "dss" (mpk's private stacks,
  /// every vm machine).  The one place the passes learn it (bulkhead-dss,
  /// marshalling blocks).
  bool hasDataShadowStack(unsigned I) const;

private:
  Config Cfg;
  llvm::StringMap<unsigned> ComponentCompartment;
  llvm::StringMap<unsigned> ComponentIndex;
  std::vector<std::string> AllComponents;
  llvm::StringSet<> NeutralSet;
  llvm::StringSet<> SystemSet;
  llvm::StringMap<llvm::StringSet<>> ExportSets;
  /// MayCall[From][To], from each compartment's "calls".
  std::vector<std::vector<bool>> MayCall;
};

} // namespace bulkhead

#endif
