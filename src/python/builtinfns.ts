/**
 * Python's builtin functions (`len`, `print`, `sorted`, ...) are plain JS functions of several
 * modules. Loading this module marks them as CPython's builtin functions (objects.ts,
 * `markBuiltin`): they print as `<built-in function len>`, their type is
 * `builtin_function_or_method`, their `__module__` is `builtins`, and a renamed one (`iter_`)
 * has its Python `__name__`. The class and static methods of builtin types (`dict.fromkeys`)
 * are builtin methods bound to their type (`<built-in method fromkeys of type object at 0x...>`).
 * The iterators of dicts, sets and bytes get their CPython types (`dict_keyiterator`).
 */

import { open } from "./_io";
import {
  abs,
  all,
  any,
  bin,
  bytearray,
  bytes,
  chr,
  dict,
  divmod,
  float,
  hex,
  int,
  iter_,
  max,
  min,
  oct,
  ord,
  pow,
  round,
  sorted,
  str,
  sum,
} from "./builtins";
import { ByteArray, Bytes } from "./bytes";
import { DictItemIterator, DictKeyIterator, DictValueIterator } from "./dict";
import { dir } from "./dir";
import { format } from "./format";
import { hash } from "./hash";
import { input, print } from "./io";
import { aiter, anext } from "./lang";
import { id, markBuiltin, nativeType, PY_TYPE } from "./objects";
import { callable, delattr, getattr, hasattr, len, next, setattr, vars } from "./protocol";
import { ascii, repr } from "./repr";
import { SetIterator } from "./set";
import { isinstance, issubclass } from "./types";

const FUNCTIONS: Record<string, Function> = {
  abs,
  aiter,
  all,
  anext,
  any,
  ascii,
  bin,
  callable,
  chr,
  delattr,
  dir,
  divmod,
  format,
  getattr,
  hasattr,
  hash,
  hex,
  id,
  input,
  isinstance,
  issubclass,
  iter: iter_,
  len,
  max,
  min,
  next,
  oct,
  open,
  ord,
  pow,
  print,
  repr,
  round,
  setattr,
  sorted,
  sum,
  vars,
};

for (const [name, fn] of Object.entries(FUNCTIONS)) {
  markBuiltin(fn, "function");
  if (fn.name !== name) (fn as { __name__?: string }).__name__ = name;
}

const TYPE_METHODS: [Function, string][] = [
  [int, "from_bytes"],
  [float, "fromhex"],
  [str, "maketrans"],
  [dict, "fromkeys"],
  [bytes, "fromhex"],
  [bytearray, "fromhex"],
];

for (const [type, name] of TYPE_METHODS) {
  const fn = (type as unknown as Record<string, Function>)[name]!;
  Object.assign(fn, { __self__: type, __name__: name });
  markBuiltin(fn, "method");
}

/**
 * The iterators of bytes are the generators of their classes' `[Symbol.iterator]` methods,
 * those of dicts, their views and sets objects of iterator classes (dict.ts, set.ts); each such
 * generator function's or class's prototype names the type of its iterators (`typeOf` reads
 * `PY_TYPE`), once, at no cost per iterator.
 */
function nameIterators(generatorFunction: Function, name: string): void {
  const type = nativeType(name);
  Object.defineProperty(generatorFunction.prototype, PY_TYPE, { value: () => type });
}
nameIterators(DictKeyIterator, "dict_keyiterator");
nameIterators(DictValueIterator, "dict_valueiterator");
nameIterators(DictItemIterator, "dict_itemiterator");
nameIterators(SetIterator, "set_iterator");
nameIterators(Bytes.prototype[Symbol.iterator], "bytes_iterator");
nameIterators(ByteArray.prototype[Symbol.iterator], "bytearray_iterator");
