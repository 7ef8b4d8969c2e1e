/**
 * The Python semantics without the stdlib modules: everything `asyncio-ts/python` (index.ts)
 * exports except the namespaces `$py.json`, `$py.collections`, ... of src/python/stdlib.
 *
 * `asyncio-ts run` loads this module and then only the stdlib modules a program names
 * (codegen/run.ts): evaluating all of them cost about a third of the runtime's startup.
 * Generated code imports these names as `import * as $py from "asyncio-ts/python"` and calls
 * `$py.add(a, b)`, `$py.getitem(xs, i)`, `$py.print(...)`, ... wherever types are not known
 * statically. The complete API, name by name with its Python meaning, is listed in
 * docs/ARCHITECTURE.md, section "Python semantics (src/python)".
 */

export {
  BufferedRandom,
  BufferedReader,
  BufferedWriter,
  FileIO,
  open,
  TextIOWrapper,
} from "./_io";
export { annotate } from "./annotations";

// Marks `len`, `print`, ... as CPython's builtin functions (their repr and type).
import "./builtinfns";

export {
  abs,
  all,
  any,
  bin,
  bool,
  bytearray,
  bytes,
  chr,
  dict,
  divmod,
  enumerate,
  exit,
  filter,
  float,
  frozenset,
  hex,
  int,
  iter_ as iter,
  list,
  map,
  max,
  min,
  NoneType,
  object,
  oct,
  ord,
  pow,
  quit,
  Range,
  range,
  reversed,
  round,
  set,
  sorted,
  str,
  sum,
  super_,
  tuple,
  type,
  zip,
} from "./builtins";
export { ByteArray, Bytes, BytesLike } from "./bytes";
export { decode, encode } from "./codecs";
export { cmpNum, cmpStr, eq, ge, gt, is_, is_not, le, lt, ne } from "./compare";
export {
  classmethod,
  decorateMethod,
  installDescriptors,
  methodFunction,
  property,
  propertyDeleter,
  propertyOf,
  staticmethod,
} from "./descriptors";
export { Dict, DictItems, DictKeys, DictSubclassBase, DictValues, dict_of } from "./dict";
export { dir } from "./dir";
export * from "./exceptions";
export { floatRepr } from "./floatfmt";
export { format, formatValue, percentFormat, strFormat, strFormatMap } from "./format";
export { checkFree, checkGlobal, defaults, nameError } from "./functions";
export { hash } from "./hash";
export {
  flushStd,
  InputStream,
  input,
  print,
  StringIO,
  stderr,
  stdin,
  stdout,
  TextStream,
} from "./io";
export { Kw, kw, splitKw } from "./kw";
export {
  aiter,
  anext,
  anextStep,
  asyncForDrop,
  asyncForIter,
  asyncWithCtx,
  awaitHeld,
  awaitOperand,
  bases,
  bind,
  callError,
  checkAttr,
  checkBound,
  constructViaNew,
  discard,
  genexpr,
  iterHeld,
  mappingRest,
  matchClassArg,
  matchMapping,
  matchSequence,
  missingArgs,
  named,
  pep479,
  pyclass,
  refreshClass,
  signature,
  slotted,
  withCtx,
} from "./lang";
export { ListSubclassBase, listMethods, sortList } from "./list";
export { moduleFile, runMain } from "./main";
export {
  cannotImportPartial,
  endModule,
  inModule,
  ModuleType,
  mainNamespace,
  moduleGlobals,
  noParentPackage,
  programModule,
  startModule,
} from "./module";
export { constructsViaInit, markClassMethod, typeCall } from "./mro";
export {
  floatToInt,
  index,
  intToFloat,
  isInt,
  isNumber,
  ratioToFloat,
  toBigInt,
  toFloat,
} from "./numbers";
export {
  defineType,
  Ellipsis,
  id,
  markBuiltinClass,
  NotImplemented,
  type TypeObject,
} from "./objects";
export {
  add,
  and_,
  floordiv,
  iadd,
  inplace,
  invert,
  isub,
  lshift,
  matmul,
  mod,
  mul,
  neg,
  or_,
  pos,
  pow as pow_op,
  rshift,
  sub,
  truediv,
  xor,
} from "./operators";
export {
  augitem,
  call,
  callable,
  callMethod,
  contains,
  delattr,
  delitem,
  delslice,
  dictDelete,
  dictStore,
  getattr,
  getitem,
  getslice,
  hasattr,
  len,
  lenOf,
  localNames,
  localsDict,
  next,
  not,
  not_in,
  objectDelattr,
  objectGetattribute,
  objectSetattr,
  PyIterator,
  Slice,
  setattr,
  setitem,
  setslice,
  slice,
  strLen,
  toArray,
  truthy,
  unpack,
  unpackStar,
  vars,
} from "./protocol";
export {
  cannotImport,
  dictItems,
  exceptionMatches,
  exceptionOf,
  kwargs,
  mergeKwargs,
  moduleNotFound,
  starIter,
  withCause,
} from "./raise";
export { ascii, classRepr, objectRepr, repr, reprGuard, strRepr } from "./repr";
export { FrozenSet, PySet, SetBase, set_of, set_of_consts } from "./set";
export { strMethod, strMethods } from "./str";
export {
  ByteArraySubclassBase,
  BytesSubclassBase,
  FloatSubclassBase,
  FrozenSetSubclassBase,
  IntSubclassBase,
  notAcceptableBase,
  SetSubclassBase,
  StrSubclassBase,
  TupleSubclassBase,
} from "./subclass";
export {
  type CallerFrame,
  type CallerSource,
  type FrameSource,
  formatException,
  formatExceptionOnly,
  setCallerSource,
  setFrameSource,
} from "./traceback";
export { Tuple, tuple_of } from "./tuple";
export { isClass, isinstance, issubclass, mro, typeOf } from "./types";
