//===- Confinement.cpp - no escape from placement by attribute or assembly -===//
//
// The configuration decides where a component's code and data go; its source
// may not.  Two ways a non-system component's source could step around that
// are refused at link time, naming the file and line:
//
//  * an explicit section .bh.* (attribute, pragma-free `section(...)`): the
//    pass keeps explicit .bh.* sections for the kernel and the backend
//    runtime (.bh.sys, .bh.shared.data, ...), so a library could otherwise put
//    its own WRPKRU into .bh.gates or its data into .bh.shared.*;
//  * assembly that names a function or global of another compartment (inline
//    assembly of a function, or the component's file-scope assembly that
//    bulkhead-tag recorded in !bulkhead.asm): a direct reference no gate and
//    no sharing decision would see.  Neutral functions and globals the system
//    placed in the shared region may be named; the linker script's region
//    symbols (__bh_c<i>_*) are public layout (also in __bh_image) and are not
//    symbols of a component.
//
//===----------------------------------------------------------------------===//

#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace bulkhead {

namespace {

/// "file:line" where \p GO is defined (its debug info), or "".
std::string definitionSite(const GlobalObject &GO) {
  if (const auto *F = dyn_cast<Function>(&GO)) {
    if (const DISubprogram *SP = F->getSubprogram())
      return (SP->getFilename() + ":" + Twine(SP->getLine())).str();
    return "";
  }
  SmallVector<DIGlobalVariableExpression *, 1> GVEs;
  cast<GlobalVariable>(GO).getDebugInfo(GVEs);
  for (const DIGlobalVariableExpression *E : GVEs)
    if (const DIGlobalVariable *V = E->getVariable())
      return (V->getFilename() + ":" + Twine(V->getLine())).str();
  return "";
}

std::string quoted(StringRef Name, StringRef Site) {
  return ("'" + Name + "'" + (Site.empty() ? "" : " (" + Site + ")")).str();
}

/// The symbol names an assembly text mentions (identifiers; registers and
/// directives are harmless: no global has their names and another
/// compartment's definition).
SmallVector<StringRef, 8> identifiers(StringRef Asm) {
  SmallVector<StringRef, 8> Out;
  auto Start = [](char C) { return isAlpha(C) || C == '_' || C == '.'; };
  auto Body = [](char C) { return isAlnum(C) || C == '_' || C == '.'; };
  for (size_t I = 0; I < Asm.size();) {
    if (Asm[I] == '"') { // a string literal (.ascii "..."): not a symbol
      size_t End = Asm.find('"', I + 1);
      I = End == StringRef::npos ? Asm.size() : End + 1;
      continue;
    }
    if (!Start(Asm[I]) || (I > 0 && (Body(Asm[I - 1]) || Asm[I - 1] == '%'))) {
      ++I;
      continue;
    }
    size_t J = I + 1;
    while (J < Asm.size() && Body(Asm[J]))
      ++J;
    Out.push_back(Asm.slice(I, J));
    I = J;
  }
  return Out;
}

class Confiner {
public:
  Confiner(Module &M, const CompartmentMap &Map, std::vector<std::string> &Errors)
      : M(M), Map(Map), Errors(Errors) {}

  void run() {
    for (Function &F : M)
      if (!F.isDeclaration())
        checkSection(F, "function");
    for (GlobalVariable &GV : M.globals())
      if (!GV.isDeclaration())
        checkSection(GV, "global");
    for (Function &F : M)
      checkInlineAsm(F);
    checkFileScopeAsm();
  }

private:
  Module &M;
  const CompartmentMap &Map;
  std::vector<std::string> &Errors;

  std::string systemList() const {
    return Map.config().System.empty() ? std::string("none in this configuration")
                                       : join(Map.config().System, ", ");
  }

  std::string compartmentName(unsigned C) const { return Map.config().Compartments[C].Name; }

  void checkSection(const GlobalObject &GO, StringRef What) {
    std::optional<StringRef> Comp = CompartmentMap::componentOf(GO);
    if (!Comp || Map.isSystem(GO) || !GO.hasSection() || !isBulkheadSection(GO.getSection()))
      return;
    Errors.push_back((What + " " + quoted(GO.getName(), definitionSite(GO)) + " of component '" +
                      *Comp + "' is placed in section '" + GO.getSection() +
                      "' by attribute: only system components (" + systemList() +
                      ") may place code or data in .bh.* sections; remove the section "
                      "attribute (the configuration places it; a global other compartments "
                      "need is shared by policy)")
                         .str());
  }

  /// The compartment of another component's symbol \p Name that assembly
  /// of compartment \p Own must not name, or None.
  std::optional<unsigned> foreignSymbol(StringRef Name, unsigned Own) const {
    const auto *GO = dyn_cast_or_null<GlobalObject>(M.getNamedValue(Name));
    if (!GO || GO->isDeclaration())
      return std::nullopt;
    std::optional<unsigned> C = Map.compartmentOf(*GO);
    if (!C || *C == Own)
      return std::nullopt;
    if (const auto *F = dyn_cast<Function>(GO); F && Map.isNeutral(*F))
      return std::nullopt; // shared text, runs in the caller's domain
    if (GO->hasSection() && GO->getSection().starts_with(SharedSectionBase))
      return std::nullopt; // placed in the shared region by its (system) source
    return C;
  }

  void checkInlineAsm(Function &F) {
    std::optional<unsigned> Own = Map.compartmentOf(F);
    if (F.isDeclaration() || !Own || Map.isSystem(F))
      return;
    for (Instruction &I : instructions(F)) {
      const auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !CB->isInlineAsm())
        continue;
      StringRef Asm = cast<InlineAsm>(CB->getCalledOperand())->getAsmString();
      for (StringRef Id : identifiers(Asm))
        if (std::optional<unsigned> C = foreignSymbol(Id, *Own)) {
          std::string Site = siteOf(I);
          if (Site.empty())
            Site = definitionSite(F);
          Errors.push_back(
              ("function " + quoted(F.getName(), Site) + " of component '" +
               *CompartmentMap::componentOf(F) + "' (compartment " + compartmentName(*Own) +
               ") names '" + Id + "' of compartment " + compartmentName(*C) +
               " in inline assembly: assembly of a component may name only symbols of its "
               "own compartment, neutral functions and the shared region; reach it from C "
               "(a call goes through a gate, a global is shared by policy)")
                  .str());
        }
    }
  }

  /// !bulkhead.asm = !{!{!"component", !"source file", !"assembly"}, ...}
  /// (bulkhead-tag): file-scope assembly, per component.
  void checkFileScopeAsm() {
    const NamedMDNode *NMD = M.getNamedMetadata(ModuleAsmMDName);
    if (!NMD)
      return;
    for (const MDNode *N : NMD->operands()) {
      if (N->getNumOperands() != 3)
        continue;
      auto Str = [&](unsigned I) {
        const auto *S = dyn_cast<MDString>(N->getOperand(I));
        return S ? S->getString() : StringRef();
      };
      StringRef Comp = Str(0), File = Str(1), Asm = Str(2);
      std::optional<unsigned> Own = Map.compartmentOfComponent(Comp);
      if (!Own || is_contained(Map.config().System, Comp))
        continue;
      std::string Where = "file-scope assembly of component '" + Comp.str() + "' (" + File.str();
      SmallVector<StringRef, 16> Lines;
      Asm.split(Lines, '\n');
      for (StringRef Line : Lines) {
        StringRef T = Line.trim();
        if ((T.starts_with(".section") || T.starts_with(".pushsection")) &&
            T.contains(SectionPrefix))
          Errors.push_back((Where + ") switches to a .bh.* section ('" + T +
                            "'): only system components (" + systemList() +
                            ") may place code or data in .bh.* sections; remove the directive")
                               .str());
        for (StringRef Id : identifiers(T))
          if (std::optional<unsigned> C = foreignSymbol(Id, *Own))
            Errors.push_back((Where + ") names '" + Id + "' of compartment " +
                              compartmentName(*C) + " in '" + T +
                              "': assembly of a component may name only symbols of its own "
                              "compartment, neutral functions and the shared region; reach it "
                              "from C (a call goes through a gate, a global is shared by policy)")
                                 .str());
      }
    }
  }
};

} // namespace

void checkConfinement(Module &M, const CompartmentMap &Map, std::vector<std::string> &Errors) {
  Confiner(M, Map, Errors).run();
}

} // namespace bulkhead
