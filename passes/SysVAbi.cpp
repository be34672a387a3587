//===- SysVAbi.cpp - the x86-64 System V argument classification ----------===//

#include "SysVAbi.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>

using namespace llvm;

namespace bulkhead {
namespace sysv {

namespace {

/// Scalars returned in one register: rax/rdx or xmm0/xmm1.
bool isRegisterScalar(Type *T) {
  if (T->isPointerTy())
    return true;
  if (auto *IT = dyn_cast<IntegerType>(T))
    return IT->getBitWidth() <= 64;
  return T->isHalfTy() || T->isBFloatTy() || T->isFloatTy() || T->isDoubleTy();
}

bool fitsVecReg(Type *T) {
  auto *VT = dyn_cast<FixedVectorType>(T);
  return VT && VT->getPrimitiveSizeInBits().getFixedValue() <= VecRegBytes * 8;
}

} // namespace

ArgClass classifyArg(Type *T, unsigned ArgNo) {
  ArgClass C;
  std::string Arg = "argument " + std::to_string(ArgNo);
  if (T->isPointerTy()) {
    C.Ints = 1;
  } else if (auto *IT = dyn_cast<IntegerType>(T)) {
    if (IT->getBitWidth() <= 64)
      C.Ints = 1;
    else if (IT->getBitWidth() <= 128)
      C.Ints = 2;
    else
      C.OnStack = Arg + " is an integer wider than 128 bits (passed on the stack)";
  } else if (T->isX86_FP80Ty() || T->isFP128Ty()) {
    C.OnStack = Arg + " is x86_fp80/fp128 (passed on the stack)";
  } else if (T->isFloatingPointTy()) {
    C.Vecs = 1;
  } else if (isa<FixedVectorType>(T)) {
    if (fitsVecReg(T))
      C.Vecs = 1;
    else
      C.OnStack = Arg + " is a vector wider than 16 bytes";
  } else if (T->isStructTy() || T->isArrayTy()) {
    C.OnStack = Arg + " is an IR struct/array (aggregate arguments are not "
                      "supported by the shared-stack gate)";
  } else {
    C.OnStack = Arg + " has a type the gate cannot pass";
  }
  return C;
}

RegisterUse registerUse(FunctionType *FT) {
  RegisterUse U;
  for (Type *T : FT->params()) {
    ArgClass C = classifyArg(T, 0);
    U.ArgInts += C.Ints;
    U.ArgVecs += C.Vecs;
  }
  U.ArgInts = std::min(U.ArgInts, IntArgRegs);
  U.ArgVecs = std::min(U.ArgVecs, VecArgRegs);
  Type *R = FT->getReturnType();
  auto Add = [&U](Type *T) {
    if (T->isPointerTy() || T->isIntegerTy())
      U.RetInts += T->isIntegerTy() && T->getIntegerBitWidth() > 64 ? 2 : 1;
    else if (T->isFloatingPointTy() && !T->isX86_FP80Ty())
      U.RetVecs += 1;
    else if (T->isVectorTy())
      U.RetVecs += 1;
  };
  if (auto *ST = dyn_cast<StructType>(R))
    for (Type *E : ST->elements())
      Add(E);
  else if (!R->isVoidTy())
    Add(R);
  U.RetInts = std::min(U.RetInts, IntRetRegs);
  U.RetVecs = std::min(U.RetVecs, VecRetRegs);
  return U;
}

bool isRegisterReturn(Type *T) {
  if (T->isVoidTy() || T->isPointerTy() || T->isFloatTy() || T->isDoubleTy() ||
      T->isHalfTy() || T->isBFloatTy())
    return true;
  if (auto *IT = dyn_cast<IntegerType>(T))
    return IT->getBitWidth() <= 128;
  if (isa<FixedVectorType>(T))
    return fitsVecReg(T);
  if (auto *ST = dyn_cast<StructType>(T))
    return ST->getNumElements() <= IntRetRegs && all_of(ST->elements(), isRegisterScalar);
  return false;
}

std::optional<std::string> registerPassingProblem(const CallBase &Call, const Function &Callee) {
  FunctionType *FT = Callee.getFunctionType();
  if (FT->isVarArg())
    return std::string("the callee is variadic (the gate cannot forward "
                       "variadic arguments)");
  unsigned Ints = 0, Vecs = 0;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I) {
    for (Attribute::AttrKind K : {Attribute::ByVal, Attribute::InAlloca, Attribute::Preallocated})
      if (Call.paramHasAttr(I, K) || Callee.hasParamAttribute(I, K))
        return "argument " + std::to_string(I) + " is " +
               Attribute::getNameFromAttrKind(K).str() + " (passed on the stack)";
    ArgClass C = classifyArg(FT->getParamType(I), I);
    if (C.OnStack)
      return C.OnStack;
    Ints += C.Ints;
    Vecs += C.Vecs;
  }
  if (Ints > IntArgRegs)
    return std::to_string(Ints) + " integer-class argument registers needed (at most " +
           std::to_string(IntArgRegs) + "; the rest would be on the stack)";
  if (Vecs > VecArgRegs)
    return std::to_string(Vecs) + " float/vector arguments (at most " +
           std::to_string(VecArgRegs) + " in xmm0-7; the rest would be on the stack)";
  if (!isRegisterReturn(FT->getReturnType()))
    return std::string("the return type is not returned in rax/rdx/xmm0/xmm1");
  return std::nullopt;
}

uint64_t stackArgBytes(const CallBase &Call, const DataLayout &DL) {
  unsigned Int = 0, Vec = 0;
  uint64_t Bytes = 0;
  auto OnStack = [&](uint64_t Size, uint64_t Al) {
    Bytes = alignTo(Bytes, std::max<uint64_t>(Al, StackSlotBytes)) + alignTo(Size, StackSlotBytes);
  };
  for (unsigned I = 0; I < Call.arg_size(); ++I) {
    Type *Ty = Call.getArgOperand(I)->getType();
    if (Call.isByValArgument(I)) {
      OnStack(DL.getTypeAllocSize(Call.getParamByValType(I)), WideStackAlign);
    } else if (Ty->isPointerTy() || (Ty->isIntegerTy() && Ty->getIntegerBitWidth() <= 64)) {
      if (Int < IntArgRegs)
        ++Int;
      else
        OnStack(8, 8);
    } else if (Ty->isIntegerTy(128)) {
      if (Int + 2 <= IntArgRegs)
        Int += 2;
      else
        OnStack(16, WideStackAlign);
    } else if (Ty->isFloatTy() || Ty->isDoubleTy() || Ty->isHalfTy() || Ty->isBFloatTy() ||
               (Ty->isVectorTy() && DL.getTypeAllocSize(Ty).getKnownMinValue() <= VecRegBytes)) {
      if (Vec < VecArgRegs)
        ++Vec;
      else
        OnStack(16, WideStackAlign);
    } else {
      // x87, fp128, aggregates, ...
      OnStack(DL.getTypeAllocSize(Ty).getKnownMinValue(), WideStackAlign);
    }
  }
  return Bytes;
}

} // namespace sysv
} // namespace bulkhead
