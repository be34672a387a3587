//===- Analysis.h - the plugin's cached module analyses ---------------------===//
//
// Like LLVM's instrumentation passes (SafeStack.cpp and AddressSanitizer.cpp
// get their facts from the analysis manager), the bulkhead passes share two
// analyses registered with the module analysis manager, computed once per
// link and cached:
//
//  * ConfigAnalysis: the configuration (!bulkhead.config) parsed once, as a
//    CompartmentMap, or the reason it cannot be read.  No pass rewrites the
//    configuration, so the result is never invalidated.
//  * EntryAnalysis: the legal entries, the functions an indirect call may
//    reach (bulkhead-icall promotes them, bulkhead-dss follows calls to them,
//    bulkhead-partition refuses what cannot be split).  By compartment, not
//    by type alone: an indirect call of compartment B may reach a function
//    of compartment A only if its address reaches B's code -- taken in code
//    outside A, or escaping A through a crossing's argument or return value,
//    a global another compartment uses, memory the pass cannot follow --
//    never a function of a system component and never one of the pass's or
//    the runtime's own (__bh_*).  bulkhead-icall and
//    bulkhead-dss preserve it (they take no new function addresses);
//    bulkhead-partition does not (a gate stub takes its callee's address).
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_ANALYSIS_H
#define BULKHEAD_PASSES_ANALYSIS_H

#include "CompartmentMap.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class Function;
class FunctionType;
} // namespace llvm

namespace bulkhead {

/// The configuration of the link, parsed once.
class ConfigInfo {
public:
  explicit ConfigInfo(llvm::Expected<CompartmentMap> Parsed);
  /// The map, or null when the configuration is missing or malformed.
  const CompartmentMap *map() const { return Map ? &*Map : nullptr; }
  /// Why there is no map (the message names the key at fault).
  const std::string &error() const { return Error; }
  /// !bulkhead.config is never rewritten: valid for the module's lifetime.
  bool invalidate(llvm::Module &, const llvm::PreservedAnalyses &,
                  llvm::ModuleAnalysisManager::Invalidator &) {
    return false;
  }

private:
  std::optional<CompartmentMap> Map;
  std::string Error;
};

class ConfigAnalysis : public llvm::AnalysisInfoMixin<ConfigAnalysis> {
  friend llvm::AnalysisInfoMixin<ConfigAnalysis>;
  static llvm::AnalysisKey Key;

public:
  using Result = ConfigInfo;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// A function that indirect calls of other compartments may reach.
struct LegalEntry {
  llvm::Function *F;
  unsigned Compartment;
  /// Why other compartments may hold its address (the manifest's reason).
  std::string Why;
};

/// The targets indirect calls may reach, per compartment and function type.
class LegalEntries {
public:
  /// Entries of compartments other than \p C of type \p FT: an indirect call
  /// of that type in \p C may reach each (bulkhead-icall promotes them).
  llvm::SmallVector<LegalEntry, 4> foreign(unsigned C, llvm::FunctionType *FT) const;
  /// Address-taken functions of compartment \p C of type \p FT, which the
  /// checked call left by bulkhead-icall may reach; a null entry stands for
  /// address-taken declarations (assembly, outside the LTO module).
  llvm::ArrayRef<const llvm::Function *> local(unsigned C, llvm::FunctionType *FT) const;
  /// Every entry of another compartment, in module order.
  llvm::ArrayRef<LegalEntry> all() const { return Entries; }
  /// Address-taken functions whose address never leaves their compartment
  /// (no indirect call of another compartment may reach them), with their
  /// compartment: the manifest lists them too.
  llvm::ArrayRef<LegalEntry> confined() const { return Confined; }

  /// Computes the entries of \p M under \p Map.
  static LegalEntries compute(llvm::Module &M, const CompartmentMap &Map);

private:
  std::vector<LegalEntry> Entries, Confined;
  /// The configuration's calls: an entry of a compartment the caller may
  /// not call is none of its targets (its check stops such a call).
  std::function<bool(unsigned, unsigned)> MayCall = [](unsigned, unsigned) { return true; };
  llvm::DenseMap<std::pair<unsigned, llvm::FunctionType *>,
                 llvm::SmallVector<const llvm::Function *, 4>>
      Local;
};

class EntryAnalysis : public llvm::AnalysisInfoMixin<EntryAnalysis> {
  friend llvm::AnalysisInfoMixin<EntryAnalysis>;
  static llvm::AnalysisKey Key;

public:
  using Result = LegalEntries;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
};

/// Registers both analyses (Plugin.cpp).
void registerAnalyses(llvm::ModuleAnalysisManager &MAM);

} // namespace bulkhead

#endif
