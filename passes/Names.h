//===- Names.h - every name the plugin shares with the rest of the image --===//
//
// Metadata names, section names, and the names of symbols the linker script,
// the kernel or the backend runtime define, in one place: the passes build
// them through these constants and functions only, never from string
// literals of their own.  The contracts: docs/design.md sections 1-5 (names
// and sections), linker/image.ld.j2 (the __bh_c<i>_* symbols), the kernel's
// headers (runtime functions).
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_NAMES_H
#define BULKHEAD_PASSES_NAMES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <string>

namespace llvm {
class Function;
class GlobalVariable;
class Module;
} // namespace llvm

namespace bulkhead {

//===-- Metadata --------------------------------------------------------===//

/// Metadata kind attached to every defined function and global by bulkhead-tag.
inline constexpr const char *ComponentMDKind = "bulkhead.component";
/// Named metadata holding the configuration JSON (written by ./bulkhead).
inline constexpr const char *ConfigMDName = "bulkhead.config";
/// Named metadata holding the partition report (JSON) for the finalize step.
inline constexpr const char *ReportMDName = "bulkhead.report";
/// Metadata kind bulkhead-dss puts on a global whose address escapes its
/// compartment (policy shared_globals = "escape"); bulkhead-partition shares it.
inline constexpr const char *EscapedMDKind = "bulkhead.escaped";
/// Named metadata where bulkhead-dss leaves the locals it moved (JSON object).
inline constexpr const char *DssMDName = "bulkhead.dss";
/// Named metadata where bulkhead-icall leaves the indirect calls it checked.
inline constexpr const char *IcallMDName = "bulkhead.icall";
/// Metadata kind bulkhead-icall puts on a call it made or checked: a promoted
/// direct call of a legal entry, or the remaining call after its target check
/// (bulkhead-dss then follows it to the caller's own entries).
inline constexpr const char *IcallCheckedMDKind = "bulkhead.icall";
/// Metadata kind on the remaining call under policy indirect_calls =
/// "promote" (no check): bulkhead-partition knows its foreign targets are
/// promoted already.
inline constexpr const char *IcallUncheckedMDKind = "bulkhead.icall.unchecked";
/// Named metadata where bulkhead-tag records a component's file-scope
/// assembly: !{!"component", !"source file", !"assembly"} per module.
inline constexpr const char *ModuleAsmMDName = "bulkhead.asm";
/// Module flag set by bulkhead-partition; a second run is a no-op.
inline constexpr const char *PartitionedFlag = "bulkhead.partitioned";
/// Set by bulkhead-partition when it reported errors: bulkhead-finalize then
/// stays silent instead of adding a second, less precise error.
inline constexpr const char *PartitionFailedFlag = "bulkhead.partition-failed";

//===-- Sections (docs/design.md section 3) -----------------------------===//

/// Every section the pass or the linker script owns starts with this.
inline constexpr const char *SectionPrefix = ".bh.";
/// The shared region's sections: .bh.shared.{text,rodata,data,bss}.
inline constexpr const char *SharedSectionBase = ".bh.shared";
/// Gate stubs and every other WRPKRU.
inline constexpr const char *GatesSection = ".bh.gates";
/// Suffix of the sections of system components (kernel, backend runtime).
inline constexpr const char *SystemSectionSuffix = ".system";
/// ".bh.c<i>": the base of compartment \p C's sections (.text, .rodata, ...).
std::string compartmentSectionBase(unsigned C);
/// Whether \p Section is one the pass or the linker script owns (.bh.*).
bool isBulkheadSection(llvm::StringRef Section);

//===-- Symbols ---------------------------------------------------------===//

/// Prefix of every gate stub: __bh_gate_c<from>_<callee>.
inline constexpr const char *GatePrefix = "__bh_gate_c";
/// Prefix of marshalling thunks: __bh_marshal_<callee>.
inline constexpr const char *MarshalPrefix = "__bh_marshal_";
/// Prefix of per-compartment symbols: __bh_self_<X> -> __bh_c<i>_<X>.
inline constexpr const char *SelfPrefix = "__bh_self_";
/// Prefix of the linker script's per-compartment symbols: __bh_c<i>_<X>.
inline constexpr const char *CompartmentSymbolPrefix = "__bh_c";
/// Marker defined by bulkhead-finalize; the linker script ASSERTs it exists.
inline constexpr const char *MarkerName = "__bulkhead_pass_ran";
/// The shared text past the gates: [GatesEnd, SharedTextEnd).
inline constexpr const char *GatesEndSymbol = "__bh_gates_end";
inline constexpr const char *SharedTextEndSymbol = "__bh_shared_text_end";
/// Audit images: the table of gates and their call counters
/// (struct bh_audit_gate, kernel/audit.c), and each counter's name prefix.
inline constexpr const char *AuditGatesName = "__bh_audit_gates";
inline constexpr const char *AuditCountPrefix = "__bh_audit_count.";

/// __bh_gate_c<From>_<Callee>.
std::string gateStubName(unsigned From, llvm::StringRef Callee);
/// __bh_marshal_<Callee>.
std::string marshalThunkName(llvm::StringRef Callee);
/// __bh_c<C>_<What>: a symbol of compartment \p C that the linker script
/// defines ("text_start", "dss_delta", "sp", ...).
std::string compartmentSymbol(unsigned C, llvm::StringRef What);
/// The compartment index in a name __bh_c<i>_<X>, or -1.
int compartmentOfSymbolName(llvm::StringRef Name);

/// Runtime functions the pass calls (kernel or backend runtime).
inline constexpr const char *IcallViolationFn = "__bh_icall_violation";
inline constexpr const char *StackShareFn = "bh_stack_share";
inline constexpr const char *StackUnshareFn = "bh_stack_unshare";
inline constexpr const char *LongjmpCheckFn = "bh_longjmp_check";

/// The kernel's mask of the compartments whose data shadow stack slots
/// [threads] dss = "owner" parks (kernel/dss.c); bulkhead-dss sets it.
inline constexpr const char *DssParkableName = "bh_dss_parkable";

/// An external dso_local byte named \p Name (a symbol the linker script
/// defines, or an absolute one): created once, shared by every user.
llvm::GlobalVariable *linkerSymbol(llvm::Module &M, const llvm::Twine &Name);

} // namespace bulkhead

#endif
