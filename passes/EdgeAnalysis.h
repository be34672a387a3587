//===- EdgeAnalysis.h - what crosses a compartment boundary ---------------===//
//
// Collects, without changing the module: identity errors (untagged or
// unconfigured definitions), cross-compartment direct calls, calls the
// shared-stack gate cannot pass (refusals), indirect calls that may reach
// another compartment, globals used across compartments, and neutral-function
// violations.  Partition.cpp decides and rewrites from this.
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_EDGEANALYSIS_H
#define BULKHEAD_PASSES_EDGEANALYSIS_H

#include "llvm/IR/DerivedTypes.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class CallBase;
class Function;
class GlobalObject;
class GlobalVariable;
class Instruction;
class Module;
} // namespace llvm

namespace bulkhead {

class CompartmentMap;
class LegalEntries;

/// A direct call between two tagged functions of different compartments.
struct CallCrossing {
  llvm::CallBase *Call;
  llvm::Function *Caller;
  llvm::Function *Callee;
  unsigned From, To;
  /// The gate cannot pass the arguments in registers (stack-passed: byval,
  /// more than 6 integer / 8 vector registers, x87, wide integers,
  /// aggregates), but both compartments run on the shared stack: the call
  /// goes through a marshalling thunk (Partition.cpp) whose only argument is
  /// a pointer to an argument block on the caller's (shared) stack.
  bool Marshal = false;
};

/// A crossing (or indirect call) the current gate cannot pass.
struct Refusal {
  std::string Caller, Callee; ///< Callee: "" for indirect calls.
  std::string Site;           ///< "file:line" or "".
  std::string Reason;
  std::string message() const;
};

/// A global of compartment Owner used by functions of other compartments.
struct DataEdge {
  llvm::GlobalVariable *GV;
  unsigned Owner;
  llvm::SmallVector<llvm::Function *, 4> Foreign; ///< users elsewhere
  llvm::SmallVector<llvm::Function *, 4> Local;   ///< users in Owner
};

/// Everything the partition needs to decide, collected in one walk.
struct EdgeSet {
  std::vector<std::string> Errors; ///< identity and neutral violations
  std::vector<CallCrossing> Crossings;
  std::vector<Refusal> Refusals;
  std::vector<DataEdge> DataEdges;
  /// Constants of a compartment referenced by neutral functions.
  llvm::SetVector<llvm::GlobalVariable *> NeutralConstants;
};

/// Walks \p M once and collects every edge and error (see file comment);
/// \p Entries says which functions indirect calls may reach.
EdgeSet collectEdges(llvm::Module &M, const CompartmentMap &Map,
                     const LegalEntries &Entries);

/// Whether \p F's address is used other than to call it (assume-like uses and
/// llvm.used do not count): a function a pointer may reach.
bool isAddressTaken(const llvm::Function &F);

/// No escape from placement: a non-system component's explicit .bh.*
/// sections, and assembly naming another compartment's functions or globals
/// (Confinement.cpp).  Appends one error per finding to \p Errors.
void checkConfinement(llvm::Module &M, const CompartmentMap &Map,
                      std::vector<std::string> &Errors);

/// "file:line" of \p I's debug location, or "".
std::string siteOf(const llvm::Instruction &I);

/// Whether \p GO keeps its explicit section (system placement, ".bh.*").
bool hasSystemSection(const llvm::GlobalObject &GO);

} // namespace bulkhead

#endif
