//===- SysVAbi.h - the x86-64 System V argument classification ------------===//
//
// What the gates and bulkhead-dss need to know about how the x86-64 SysV ABI
// passes a call's arguments and result: which registers carry them, what a
// gate (which forwards registers only) cannot carry, and how many bytes go on
// the stack.  The limits are the ABI's, named once here.
//
//===----------------------------------------------------------------------===//
#ifndef BULKHEAD_PASSES_SYSVABI_H
#define BULKHEAD_PASSES_SYSVABI_H

#include <cstdint>
#include <optional>
#include <string>

namespace llvm {
class CallBase;
class DataLayout;
class Function;
class FunctionType;
class Type;
} // namespace llvm

namespace bulkhead {
namespace sysv {

/// Integer-class argument registers: rdi, rsi, rdx, rcx, r8, r9.
inline constexpr unsigned IntArgRegs = 6;
/// Vector-class argument registers: xmm0-7.
inline constexpr unsigned VecArgRegs = 8;
/// Integer-class return registers: rax, rdx.
inline constexpr unsigned IntRetRegs = 2;
/// Vector-class return registers: xmm0, xmm1.
inline constexpr unsigned VecRetRegs = 2;
/// Vector registers a gate may have to clear: xmm0-15.
inline constexpr unsigned VecRegs = 16;
/// The widest vector passed in one register (bytes).
inline constexpr uint64_t VecRegBytes = 16;
/// The register-save area va_start points at: the integer argument
/// registers (8 bytes each) then the vector ones (16 bytes each).
inline constexpr uint64_t RegSaveAreaBytes = IntArgRegs * 8 + VecArgRegs * 16;
/// Offsets in a va_list {i32 gp_offset, i32 fp_offset, ptr
/// overflow_arg_area, ptr reg_save_area}.
inline constexpr uint64_t VaListOverflowField = 8;
inline constexpr uint64_t VaListRegSaveField = 16;
/// Alignment of a stack argument slot, and of the wide ones.
inline constexpr uint64_t StackSlotBytes = 8, WideStackAlign = 16;

/// Registers of each class that one argument takes, or why it is not
/// passed in registers at all.
struct ArgClass {
  unsigned Ints = 0, Vecs = 0;
  std::optional<std::string> OnStack;
};
ArgClass classifyArg(llvm::Type *T, unsigned ArgNo);

/// Argument and return registers a function type uses (each class capped at
/// its register count).  Gates clear every register that carries nothing
/// for the other side.
struct RegisterUse {
  unsigned ArgInts = 0, ArgVecs = 0, RetInts = 0, RetVecs = 0;
};
RegisterUse registerUse(llvm::FunctionType *FT);

/// Whether a result of type \p T comes back in rax/rdx/xmm0/xmm1 (not x87:
/// the gates, and the vm backend's RPC, carry those four only).
bool isRegisterReturn(llvm::Type *T);

/// Why a call of \p Callee at \p Call does not pass everything in
/// registers (a variadic callee, byval, too many arguments, a type the
/// registers cannot carry, a return outside them), or None.
std::optional<std::string> registerPassingProblem(const llvm::CallBase &Call,
                                                  const llvm::Function &Callee);

/// An upper bound of the bytes \p Call passes on the stack: what does not
/// surely go in a register counts as stack, wide ones 16-byte aligned.
uint64_t stackArgBytes(const llvm::CallBase &Call, const llvm::DataLayout &DL);

} // namespace sysv
} // namespace bulkhead

#endif
