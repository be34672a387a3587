//===- Marshal.cpp - marshalling thunks for crossings the gate cannot carry ===//

#include "Marshal.h"
#include "Bulkhead.h"
#include "CompartmentMap.h"
#include "EdgeAnalysis.h"
#include "SysVAbi.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "bulkhead"

using namespace llvm;

STATISTIC(NumThunks, "Marshalling thunks created");

namespace bulkhead {

namespace {

/// A return the gate cannot carry (x87, IR aggregates, more than two
/// registers) comes back in the block's last field: the thunk stores it,
/// the caller loads it after the gate returns.
bool returnsThroughBlock(FunctionType *FT) {
  return !FT->getReturnType()->isVoidTy() && !sysv::isRegisterReturn(FT->getReturnType());
}

/// The argument block of a marshalled call \p Call: one field per argument,
/// variadic ones included (a byval parameter's field holds the pointer to the
/// caller's copy), and the result if it comes back through the block.
StructType *blockType(LLVMContext &Ctx, const CallBase &Call) {
  SmallVector<Type *, 8> Fields;
  for (const Use &A : Call.args())
    Fields.push_back(A->getType());
  if (returnsThroughBlock(Call.getFunctionType()))
    Fields.push_back(Call.getType());
  return StructType::get(Ctx, Fields);
}

} // namespace

bool isMarshallable(const CallBase &Call, const Function &Callee) {
  FunctionType *FT = Callee.getFunctionType();
  if (!isa<CallInst>(Call) || Call.isMustTailCall() || Call.getFunctionType() != FT)
    return false;
  // Variadic arguments: the thunk is made for this call's argument types.
  for (unsigned I = FT->getNumParams(), E = Call.arg_size(); I != E; ++I)
    if (Call.paramHasAttr(I, Attribute::ByVal) ||
        !Call.getArgOperand(I)->getType()->isFirstClassType())
      return false;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I) {
    for (Attribute::AttrKind K : {Attribute::InAlloca, Attribute::Preallocated, Attribute::Nest,
                                  Attribute::SwiftSelf, Attribute::SwiftError,
                                  Attribute::SwiftAsync})
      if (Call.paramHasAttr(I, K) || Callee.hasParamAttribute(I, K))
        return false;
    bool ByVal = Call.paramHasAttr(I, Attribute::ByVal) ||
                 Callee.hasParamAttribute(I, Attribute::ByVal);
    if (ByVal != Callee.hasParamAttribute(I, Attribute::ByVal) ||
        (ByVal && !Callee.getParamByValType(I)))
      return false; // the callee's definition says how much to copy
    Type *T = FT->getParamType(I);
    if (!T->isFirstClassType() || !T->isSized())
      return false;
  }
  return true;
}

Marshaller::Marshaller(Module &M, const CompartmentMap &Map)
    : M(M), Ctx(M.getContext()), Map(Map) {}

/// Loads the arguments from the block (on the caller's stack if other
/// compartments can read it, else on its data shadow stack) and calls the
/// callee directly, so stack-passed arguments are pushed in the callee's
/// domain and a variadic callee gets a real variadic call (al set).  Its one
/// pointer argument is what the gate passes.
Function *Marshaller::thunkFor(Function &Callee, const CallBase &Site, unsigned To) {
  FunctionType *FT = Callee.getFunctionType();
  StructType *BlockTy = blockType(Ctx, Site);
  Function *&Thunk = Thunks[{&Callee, BlockTy}];
  if (Thunk)
    return Thunk;
  const bool ViaBlock = returnsThroughBlock(FT);
  const unsigned NArgs = Site.arg_size();
  auto *ThunkTy = FunctionType::get(ViaBlock ? Type::getVoidTy(Ctx) : FT->getReturnType(),
                                    {PointerType::getUnqual(Ctx)}, false);
  // External hidden dso_local like the stubs: its only use is the stub's
  // inline-asm operand, which must be a link-time constant.
  Thunk = Function::Create(ThunkTy, GlobalValue::ExternalLinkage,
                           marshalThunkName(Callee.getName()), M);
  Thunk->setVisibility(GlobalValue::HiddenVisibility);
  Thunk->setDSOLocal(true);
  Thunk->setCallingConv(CallingConv::C); // what the gate templates forward
  Thunk->setSection(compartmentSectionBase(To) + ".text");
  Thunk->setMetadata(ComponentMDKind, Callee.getMetadata(ComponentMDKind));
  for (StringRef A : {"target-cpu", "target-features", "tune-cpu", "frame-pointer"})
    if (Callee.hasFnAttribute(A))
      Thunk->addFnAttr(Callee.getFnAttribute(A));
  AttributeList CalleeAttrs = Callee.getAttributes();
  if (!ViaBlock)
    Thunk->addRetAttrs(AttrBuilder(Ctx, CalleeAttrs.getRetAttrs()));
  IRBuilder<> B(BasicBlock::Create(Ctx, "", Thunk));
  SmallVector<Value *, 8> Args;
  for (unsigned I = 0; I != NArgs; ++I)
    Args.push_back(B.CreateLoad(BlockTy->getElementType(I),
                                B.CreateStructGEP(BlockTy, Thunk->getArg(0), I)));
  CallInst *Call = B.CreateCall(FT, &Callee, Args);
  Call->setCallingConv(Callee.getCallingConv());
  SmallVector<AttributeSet, 8> ParamAttrs;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
    ParamAttrs.push_back(CalleeAttrs.getParamAttrs(I));
  Call->setAttributes(
      AttributeList::get(Ctx, AttributeSet(), CalleeAttrs.getRetAttrs(), ParamAttrs));
  if (ViaBlock) {
    B.CreateStore(Call, B.CreateStructGEP(BlockTy, Thunk->getArg(0), NArgs));
    B.CreateRetVoid();
  } else if (FT->getReturnType()->isVoidTy()) {
    B.CreateRetVoid();
  } else {
    B.CreateRet(Call);
  }
  ++NumThunks;
  LLVM_DEBUG(dbgs() << "bulkhead: marshalling thunk " << Thunk->getName() << " (c" << To
                    << ")\n");
  return Thunk;
}

/// Where a marshalled call's block (or byval copy) \p A lives: \p A itself
/// when other compartments can read the caller's stack, else its shadow on
/// the caller's data shadow stack (A - __bh_c<from>_dss_delta, as bulkhead-dss
/// places moved locals).
static Value *blockAddress(Module &M, const CompartmentMap &Map, IRBuilder<> &B, AllocaInst *A,
                           unsigned From) {
  if (!Map.hasDataShadowStack(From))
    return A;
  GlobalVariable *Delta = linkerSymbol(M, compartmentSymbol(From, "dss_delta"));
  Type *IntPtr = M.getDataLayout().getIntPtrType(M.getContext());
  Value *Shadow = B.CreateSub(B.CreatePtrToInt(A, IntPtr), B.CreatePtrToInt(Delta, IntPtr));
  return B.CreateIntToPtr(Shadow, A->getType(), A->getName() + ".dss");
}

/// The caller stores the arguments into a block on its stack or data shadow
/// stack (byval arguments are copied there first: their source may be the
/// caller's own memory, which the callee's domain cannot read), then calls
/// the thunk's gate with the block.  On a data shadow stack the block and
/// copies are zeroed when the call returns, so no argument stays readable.
void Marshaller::rewriteCall(const CallCrossing &X, Function &Stub) {
  auto *CI = cast<CallInst>(X.Call);
  Function &Callee = *X.Callee;
  StructType *BlockTy = blockType(Ctx, *CI);
  const DataLayout &DL = M.getDataLayout();
  IRBuilder<> Entry(&*X.Caller->getEntryBlock().getFirstInsertionPt());
  Entry.SetCurrentDebugLocation(DebugLoc());
  AllocaInst *Block = Entry.CreateAlloca(BlockTy, DL.getAllocaAddrSpace(), nullptr, "bh.args");
  Block->setAlignment(DL.getPrefTypeAlign(BlockTy));
  IRBuilder<> B(CI);
  SmallVector<std::pair<Value *, std::pair<uint64_t, Align>>, 4> Scrub;
  Value *BlockAt = blockAddress(M, Map, B, Block, X.From);
  Scrub.push_back({BlockAt, {DL.getTypeAllocSize(BlockTy), Block->getAlign()}});
  for (unsigned I = 0, E = CI->arg_size(); I != E; ++I) {
    Value *A = CI->getArgOperand(I);
    if (I < Callee.arg_size() && Callee.hasParamAttribute(I, Attribute::ByVal)) {
      Type *T = Callee.getParamByValType(I);
      Align Al = std::max(Callee.getParamAlign(I).valueOrOne(), DL.getABITypeAlign(T));
      AllocaInst *Copy = Entry.CreateAlloca(T, DL.getAllocaAddrSpace(), nullptr, "bh.byval");
      Copy->setAlignment(Al);
      Value *CopyAt = blockAddress(M, Map, B, Copy, X.From);
      B.CreateMemCpy(CopyAt, Al, A, CI->getParamAlign(I).valueOrOne(), DL.getTypeAllocSize(T));
      Scrub.push_back({CopyAt, {DL.getTypeAllocSize(T), Al}});
      A = CopyAt;
    }
    B.CreateStore(A, B.CreateStructGEP(BlockTy, BlockAt, I));
  }
  CallInst *New = B.CreateCall(Stub.getFunctionType(), &Stub, {BlockAt});
  IRBuilder<> After(CI->getNextNode());
  Value *Result = New;
  if (returnsThroughBlock(CI->getFunctionType()))
    Result = After.CreateLoad(CI->getType(), After.CreateStructGEP(BlockTy, BlockAt, CI->arg_size()));
  if (Map.hasDataShadowStack(X.From))
    for (auto &[P, SizeAlign] : Scrub)
      After.CreateMemSet(P, After.getInt8(0), SizeAlign.first, SizeAlign.second,
                         /*isVolatile=*/true);
  New->setCallingConv(Stub.getCallingConv());
  // Return attributes only: the call's function attributes (memory(...))
  // would let the optimizer drop the stores into the block.
  if (Result == New)
    New->setAttributes(
        AttributeList::get(Ctx, AttributeSet(), CI->getAttributes().getRetAttrs(), {}));
  New->setDebugLoc(CI->getDebugLoc());
  Result->takeName(CI);
  CI->replaceAllUsesWith(Result);
  CI->eraseFromParent();
}

} // namespace bulkhead
