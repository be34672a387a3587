//===- Shares.cpp - globals a configuration shares by name ------------------===//

#include "Shares.h"
#include "CompartmentMap.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace bulkhead {

namespace {

/// The source-level variable of \p GV (its first debug record), or null.
const DIGlobalVariable *sourceVariable(const GlobalVariable &GV) {
  SmallVector<DIGlobalVariableExpression *, 1> GVEs;
  GV.getDebugInfo(GVEs);
  for (const DIGlobalVariableExpression *E : GVEs)
    if (const DIGlobalVariable *V = E->getVariable())
      return V;
  return nullptr;
}

/// Whether path \p File ends with \p Suffix at a path boundary.
bool pathEndsWith(StringRef File, StringRef Suffix) {
  if (!File.ends_with(Suffix))
    return false;
  return File.size() == Suffix.size() || File[File.size() - Suffix.size() - 1] == '/';
}

bool matches(const GlobalVariable &GV, StringRef File, StringRef Name) {
  const DIGlobalVariable *V = sourceVariable(GV);
  bool NameOk = GV.getName() == Name || (V && V->getName() == Name);
  if (!NameOk)
    return false;
  if (File.empty())
    return true;
  return V && pathEndsWith(V->getFilename(), File);
}

} // namespace

std::string globalSite(const GlobalVariable &GV) {
  if (const DIGlobalVariable *V = sourceVariable(GV))
    return (V->getFilename() + ":" + Twine(V->getLine())).str();
  return "";
}

std::string shareEntry(const GlobalVariable &GV) {
  if (const DIGlobalVariable *V = sourceVariable(GV))
    return (sys::path::filename(V->getFilename()) + ":" + V->getName()).str();
  return GV.getName().str();
}

SmallPtrSet<GlobalVariable *, 8> resolveShares(Module &M, const CompartmentMap &Map,
                                               std::vector<std::string> &Errors) {
  SmallPtrSet<GlobalVariable *, 8> Out;
  for (const Compartment &C : Map.config().Compartments)
    for (const std::string &Entry : C.Shares) {
      auto [File, Name] = StringRef(Entry).rsplit(':');
      if (Name.empty()) // no ':': a plain name
        std::swap(File, Name);
      SmallVector<GlobalVariable *, 2> Found;
      for (GlobalVariable &GV : M.globals())
        if (!GV.isDeclaration() && Map.compartmentOf(GV) == std::optional<unsigned>(C.Index) &&
            matches(GV, File, Name))
          Found.push_back(&GV);
      if (Found.empty()) {
        Errors.push_back("shares of compartment " + C.Name + " names '" + Entry +
                         "', but no global of its components has that " +
                         (File.empty() ? "name" : "file and name") +
                         " (statics: file.c:name; a global the optimizer removed needs no sharing)");
        continue;
      }
      if (Found.size() > 1) {
        std::string Which;
        for (GlobalVariable *GV : Found)
          Which += (Which.empty() ? "'" : ", '") + shareEntry(*GV) + "' (" + globalSite(*GV) + ")";
        Errors.push_back("shares of compartment " + C.Name + " names '" + Entry +
                         "', which is ambiguous: " + Which + "; write file.c:name");
        continue;
      }
      Out.insert(Found.front());
    }
  return Out;
}

} // namespace bulkhead
