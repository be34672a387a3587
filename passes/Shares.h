//===- Shares.h - globals a configuration shares by name --------------------===//
//
// [[compartment]] shares = ["recs", "file.c:counter", ...] (JSON
// compartments[i].shares): exactly these globals of the compartment's
// components go to the shared region, under every policy; under policy
// shared_globals = "declared" nothing else may be referenced from another
// compartment or have its address escape (docs/design.md 5b).  "file:name"
// names a static (LTO renames statics: the debug info keeps the source name
// and file); a plain name that matches several globals is an error.
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_SHARES_H
#define BULKHEAD_PASSES_SHARES_H

#include "llvm/ADT/SmallPtrSet.h"
#include <string>
#include <vector>

namespace llvm {
class GlobalVariable;
class Module;
} // namespace llvm

namespace bulkhead {

class CompartmentMap;

/// The globals the configuration's shares name; one error per name that
/// matches none or several.
llvm::SmallPtrSet<llvm::GlobalVariable *, 8>
resolveShares(llvm::Module &M, const CompartmentMap &Map, std::vector<std::string> &Errors);

/// "file:line" of \p GV's definition (debug info), or "".
std::string globalSite(const llvm::GlobalVariable &GV);

/// The entry to add to shares to share \p GV: "file.c:name" (the file's
/// last path component and the source name) or its IR name.
std::string shareEntry(const llvm::GlobalVariable &GV);

} // namespace bulkhead

#endif
