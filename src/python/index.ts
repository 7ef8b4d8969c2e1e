/**
 * `asyncio-ts/python`: the Python semantics transpiled programs run on.
 *
 * Generated code imports this module as `import * as $py from "asyncio-ts/python"` and calls
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
export { checkFree, checkGlobal, defaults } from "./functions";
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
  awaitOperand,
  bases,
  bind,
  callError,
  checkAttr,
  checkBound,
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
export { constructsViaInit, markClassMethod } from "./mro";
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
export * as abc from "./stdlib/abc";
export * as argparse from "./stdlib/argparse";
export * as atexit from "./stdlib/atexit";
export * as base64 from "./stdlib/base64";
export * as binascii from "./stdlib/binascii";
export * as bisect from "./stdlib/bisect";
export * as collections from "./stdlib/collections";
export * as concurrent from "./stdlib/concurrent";
export * as contextlib from "./stdlib/contextlib";
export * as copy from "./stdlib/copy";
export * as dataclasses from "./stdlib/dataclasses";
export * as datetime from "./stdlib/datetime";
export * as decimal from "./stdlib/decimal";
export * as enum from "./stdlib/enum";
export * as fractions from "./stdlib/fractions";
export * as functools from "./stdlib/functools";
export * as hashlib from "./stdlib/hashlib";
export * as heapq from "./stdlib/heapq";
export * as hmac from "./stdlib/hmac";
export * as inspect from "./stdlib/inspect";
export * as io from "./stdlib/io";
export * as itertools from "./stdlib/itertools";
export * as json from "./stdlib/json";
export * as logging from "./stdlib/logging";
export * as math from "./stdlib/math";
export * as numbers from "./stdlib/numbers";
export * as operator from "./stdlib/operator";
export * as os from "./stdlib/os";
export * as pathlib from "./stdlib/pathlib";
export * as pprint from "./stdlib/pprint";
export * as queue from "./stdlib/queue";
export * as random from "./stdlib/random";
export * as re from "./stdlib/re";
export * as secrets from "./stdlib/secrets";
export * as shlex from "./stdlib/shlex";
export * as signal from "./stdlib/signal";
export * as statistics from "./stdlib/statistics";
export * as string from "./stdlib/string";
export * as struct from "./stdlib/struct";
export { sys } from "./stdlib/sys";
export * as textwrap from "./stdlib/textwrap";
export * as threading from "./stdlib/threading";
export * as time from "./stdlib/time";
export * as traceback from "./stdlib/traceback";
export * as types from "./stdlib/types";
export * as typing from "./stdlib/typing";
export * as urllib from "./stdlib/urllib";
export * as uuid from "./stdlib/uuid";
export * as warnings from "./stdlib/warnings";
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
