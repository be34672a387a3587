//===- Names.cpp - builders of the names in Names.h -----------------------===//

#include "Names.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace bulkhead {

std::string compartmentSectionBase(unsigned C) { return ".bh.c" + std::to_string(C); }

bool isBulkheadSection(StringRef Section) { return Section.starts_with(SectionPrefix); }

std::string gateStubName(unsigned From, StringRef Callee) {
  return (GatePrefix + Twine(From) + "_" + Callee).str();
}

std::string marshalThunkName(StringRef Callee) { return (MarshalPrefix + Callee).str(); }

std::string compartmentSymbol(unsigned C, StringRef What) {
  return (CompartmentSymbolPrefix + Twine(C) + "_" + What).str();
}

int compartmentOfSymbolName(StringRef Name) {
  unsigned C;
  if (!Name.consume_front(CompartmentSymbolPrefix) || Name.consumeInteger(10, C) ||
      !Name.starts_with("_"))
    return -1;
  return int(C);
}

GlobalVariable *linkerSymbol(Module &M, const Twine &Name) {
  std::string N = Name.str();
  if (GlobalVariable *G = M.getNamedGlobal(N))
    return G;
  auto *G = new GlobalVariable(M, Type::getInt8Ty(M.getContext()), /*isConstant=*/true,
                               GlobalValue::ExternalLinkage, nullptr, N);
  G->setDSOLocal(true); // a symbol of the static image: no GOT
  return G;
}

} // namespace bulkhead
