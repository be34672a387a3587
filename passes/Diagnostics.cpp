//===- Diagnostics.cpp - bulkhead diagnostics and small shared helpers ----===//

#include "Bulkhead.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace bulkhead {

static const int BulkheadDiagKind = getNextAvailablePluginDiagnosticKind();

DiagnosticInfoBulkhead::DiagnosticInfoBulkhead(const Twine &Msg,
                                               DiagnosticSeverity Severity)
    : DiagnosticInfo(BulkheadDiagKind, Severity), Msg(Msg) {}

void DiagnosticInfoBulkhead::print(DiagnosticPrinter &DP) const {
  DP << "bulkhead: " << Msg;
}

bool DiagnosticInfoBulkhead::classof(const DiagnosticInfo *DI) {
  return DI->getKind() == BulkheadDiagKind;
}

void reportError(LLVMContext &Ctx, const Twine &Msg) {
  Ctx.diagnose(DiagnosticInfoBulkhead(Msg));
}

void reportErrors(LLVMContext &Ctx, ArrayRef<std::string> Msgs) {
  if (Msgs.empty())
    return;
  std::string All = Msgs.front();
  for (const std::string &M : Msgs.drop_front())
    All += "\nbulkhead: " + M;
  reportError(Ctx, All);
}

bool writeManifestFile(LLVMContext &Ctx, StringRef Path,
                       const json::Value &Manifest) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC) {
    reportError(Ctx, "cannot write manifest '" + Path + "': " + EC.message());
    return false;
  }
  OS << formatv("{0:2}", Manifest) << "\n";
  return true;
}

bool isValidComponentName(StringRef Name) {
  if (Name.empty())
    return false;
  for (char C : Name)
    if (!isAlnum(C) && C != '_' && C != '.' && C != '-')
      return false;
  return true;
}

std::string placedSection(const GlobalVariable &GV) {
  if (GV.hasSection())
    return GV.getSection().str();
  if (!GV.hasImplicitSection())
    return "";
  AttributeSet Attrs = GV.getAttributes();
  // Made constant by the optimizer after the partition (see placeGlobal).
  if (GV.isConstant() && Attrs.hasAttribute("rodata-section"))
    return Attrs.getAttribute("rodata-section").getValueAsString().str();
  bool Zero = GV.hasInitializer() && GV.getInitializer()->isNullValue() &&
              !GV.isConstant();
  if (Zero && Attrs.hasAttribute("bss-section"))
    return Attrs.getAttribute("bss-section").getValueAsString().str();
  if (Attrs.hasAttribute("data-section"))
    return Attrs.getAttribute("data-section").getValueAsString().str();
  return "";
}

} // namespace bulkhead
