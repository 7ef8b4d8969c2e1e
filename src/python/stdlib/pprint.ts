/**
 * Python's `pprint`: `pprint`, `pformat`, `pp`, `PrettyPrinter` (`indent`, `width`, `depth`,
 * `stream`, `compact`, `sort_dicts`, `underscore_numbers`), `saferepr`, `isreadable`,
 * `isrecursive`, laid out exactly as CPython 3.13's Lib/pprint.py.
 *
 * HOW IT LAYS OUT A VALUE
 * `_format` first computes the one-line repr (`_safe_repr`: the repr of builtin scalars, dicts,
 * lists and tuples rebuilt recursively so that nesting deeper than `depth` prints `...` and a
 * container inside itself prints `<Recursion on list with id=...>`). When it does not fit in
 * `width - indent - allowance` columns, the value is split according to the `__repr__` its type
 * has: dict, list, tuple, set/frozenset, str (split into fragments at whitespace, then lines),
 * bytes/bytearray (4-byte groups), OrderedDict, defaultdict, Counter, ChainMap, deque,
 * SimpleNamespace, and dataclasses whose repr `@dataclass` generated (one field per line). A
 * subclass that keeps its base's `__repr__` is split the same way; one that overrides it (a
 * namedtuple) prints its repr. `allowance` is the room the closing brackets after a value need.
 * Dict keys and set items are sorted with `_safe_key` (values of different, unorderable types
 * order by type name, then id).
 *
 * Overriding `format(object, context, maxlevels, level)` in a subclass changes every repr, as in
 * CPython (`context` is a dict of the ids being formatted, `level` an int, the result a tuple).
 *
 * Differences from CPython: `types.MappingProxyType` values are not split (they print their repr
 * on one line); the runtime has no `UserDict`/`UserList`/`UserString`.
 */

import { int } from "../builtins";
import { ByteArray, Bytes, BytesLike } from "../bytes";
import { ge, le, lt } from "../compare";
import { Dict } from "../dict";
import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { format as pyFormat } from "../format";
import { streams } from "../io";
import { type Kw, kw } from "../kw";
import { bind, signature } from "../lang";
import { ListSubclassBase } from "../list";
import { className, id } from "../objects";
import { strLen, toArray, truthy } from "../protocol";
import { classRepr, repr } from "../repr";
import { FrozenSet, PySet } from "../set";
import { PY_WHITESPACE, strMethods } from "../str";
import { IntSubclassBase, StrSubclassBase } from "../subclass";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";
import { ChainMap, Counter, defaultdict, deque, OrderedDict } from "./collections";
import { fields, generatedReprs } from "./dataclasses";
import { libraryClass, SimpleNamespace } from "./types";

/** What `write` is called on: a stream of the program (`sys.stdout`, `StringIO`, ...). */
interface Stream {
  write(s: string): unknown;
}

/** The repr of a value inside a container, noting whether it is readable and recursive. */
type Sub = (x: unknown) => string;

type Handler = (
  this: PrettyPrinterImpl,
  object: any,
  stream: Stream,
  indent: number,
  allowance: number,
  context: Dict,
  level: number,
) => void;

/** The `__repr__` of a list (a JS array has none of its own) and of a str. */
const LIST_REPR = Symbol("list.__repr__");
const STR_REPR = Symbol("str.__repr__");

/** The `__repr__` that `type(x)` has, as a key of the dispatch table. */
function typeRepr(x: unknown): unknown {
  if (typeof x === "string") return STR_REPR;
  if (Array.isArray(x)) {
    const r = (x as { __repr__?: unknown }).__repr__;
    return r === undefined || r === ListSubclassBase.prototype.__repr__ ? LIST_REPR : r;
  }
  if (typeof x !== "object" || x === null) return undefined;
  // The method `repr()` calls (a mappingproxy, a JS Proxy of its dict, has a `__repr__` of its own).
  const r = (x as { __repr__?: unknown }).__repr__;
  return x instanceof StrSubclassBase && r === StrSubclassBase.prototype.__repr__ ? STR_REPR : r;
}

/** The key of `x` in a context (the ids being formatted). */
function contextKey(x: unknown): unknown {
  return (typeof x === "object" && x !== null) || typeof x === "function" ? id(x) : x;
}

function recursion(x: unknown): string {
  return `<Recursion on ${typeName(x)} with id=${id(x)}>`;
}

/** `pprint._safe_key`: orders values of unorderable types by type name, then id. */
class SafeKey {
  constructor(readonly obj: unknown) {}
  __lt__(other: SafeKey): boolean {
    try {
      return lt(this.obj, other.obj);
    } catch (e) {
      if (!(e instanceof PyTypeError)) throw e;
      const a = classRepr(typeOf(this.obj));
      const b = classRepr(typeOf(other.obj));
      return a < b || (a === b && id(this.obj) < id(other.obj));
    }
  }
}

/** `sorted(xs, key=_safe_key)` (stable, with only `<`, as CPython's sort). */
function safeSorted<T>(xs: T[], key: (x: T) => unknown): T[] {
  const keyed = xs.map((x) => [new SafeKey(key(x)), x] as const);
  return mergeSort(keyed).map((p) => p[1]);
}

function mergeSort<T>(xs: (readonly [SafeKey, T])[]): (readonly [SafeKey, T])[] {
  if (xs.length < 2) return xs;
  const mid = xs.length >> 1;
  const a = mergeSort(xs.slice(0, mid));
  const b = mergeSort(xs.slice(mid));
  const out: (readonly [SafeKey, T])[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (b[j]![0].__lt__(a[i]![0])) out.push(b[j++]!);
    else out.push(a[i++]!);
  }
  return out.concat(a.slice(i), b.slice(j));
}

/** A dict's items as pairs, sorted by key when `sort` is true. */
function dictItems(d: Dict, sort: boolean): [unknown, unknown][] {
  const items = [...d.entries()] as [unknown, unknown][];
  return sort ? safeSorted(items, (p) => p[0]) : items;
}

/** The parts `re.findall(r'\S*\s*', line)` finds (without the final empty match). */
function wordsWithSpace(line: string): string[] {
  const parts: string[] = [];
  const chars = [...line];
  let i = 0;
  while (i < chars.length) {
    let part = "";
    while (i < chars.length && !PY_WHITESPACE.includes(chars[i]!)) part += chars[i++];
    while (i < chars.length && PY_WHITESPACE.includes(chars[i]!)) part += chars[i++];
    parts.push(part);
  }
  return parts;
}

/** `pprint._wrap_bytes_repr`: the reprs of 4-byte groups joined while they fit. */
function wrapBytesRepr(data: Uint8Array, width: number, allowance: number): string[] {
  const out: string[] = [];
  let current = new Uint8Array(0);
  const last = Math.floor(data.length / 4) * 4;
  for (let i = 0; i < data.length; i += 4) {
    const part = data.subarray(i, i + 4);
    const candidate = new Uint8Array(current.length + part.length);
    candidate.set(current);
    candidate.set(part, current.length);
    if (i === last) width -= allowance;
    if (repr(new Bytes(candidate)).length > width) {
      if (current.length > 0) out.push(repr(new Bytes(current)));
      current = part.slice();
    } else current = candidate;
  }
  if (current.length > 0) out.push(repr(new Bytes(current)));
  return out;
}

/** Whether `x` is a dataclass instance whose `__repr__` `@dataclass` generated. */
function isDataclassWithRepr(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return false;
  const r = (x as { __repr__?: unknown }).__repr__;
  return typeof r === "function" && generatedReprs.has(r);
}

const spaces = (n: number) => " ".repeat(Math.max(0, n));

/** An empty container prints its repr (`OrderedDict()`, `deque([])`): true when it did. */
function writtenIfEmpty(stream: Stream, object: unknown, length: number): boolean {
  if (length > 0) return false;
  stream.write(repr(object));
  return true;
}

const OPTIONS = ["*", "compact", "sort_dicts", "underscore_numbers"];
/** The defaults of PrettyPrinter's, `pprint`'s and `pformat`'s parameters. */
const DEFAULT_OPTIONS = {
  indent: 1n,
  width: 80n,
  depth: null,
  stream: null,
  compact: false,
  sort_dicts: true,
  underscore_numbers: false,
};
const INIT = signature(
  "PrettyPrinter.__init__",
  ["self", "indent", "width", "depth", "stream", ...OPTIONS],
  DEFAULT_OPTIONS,
);
const PPRINT = signature(
  "pprint",
  ["object", "stream", "indent", "width", "depth", ...OPTIONS],
  DEFAULT_OPTIONS,
);
const PFORMAT = signature(
  "pformat",
  ["object", "indent", "width", "depth", ...OPTIONS],
  DEFAULT_OPTIONS,
);
const PP = signature("pp", ["object", "*args", "*", "sort_dicts", "**kwargs"], {
  sort_dicts: false,
});

class PrettyPrinterImpl {
  _depth: unknown;
  _indent_per_level: number;
  _width: number;
  _stream: unknown;
  _compact: boolean;
  _sort_dicts: unknown;
  _underscore_numbers: unknown;
  _readable = true;
  _recursive = false;

  constructor(...args: unknown[]) {
    const [, indent, width, depth, stream, compact, sortDicts, underscore] = bind(INIT, [
      this,
      ...args,
    ]);
    const ind = (int as (x: unknown) => bigint)(indent);
    const w = (int as (x: unknown) => bigint)(width);
    if (ind < 0n) throw new ValueError("indent must be >= 0");
    if (depth !== null && depth !== undefined && le(depth, 0n))
      throw new ValueError("depth must be > 0");
    if (w === 0n) throw new ValueError("width must be != 0");
    this._depth = depth ?? null;
    this._indent_per_level = Number(ind);
    this._width = Number(w);
    this._stream = stream === null || stream === undefined ? streams.stdout : stream;
    this._compact = truthy(compact);
    this._sort_dicts = sortDicts;
    this._underscore_numbers = underscore;
  }

  pprint(object: unknown): null {
    if (this._stream !== null && this._stream !== undefined) {
      const stream = this._stream as Stream;
      this._format(object, stream, 0, 0, new Dict(), 0);
      stream.write("\n");
    }
    return null;
  }

  pformat(object: unknown): string {
    const sio = { text: "", write: (s: string) => (sio.text += s) };
    this._format(object, sio, 0, 0, new Dict(), 0);
    return sio.text;
  }

  isrecursive(object: unknown): boolean {
    return this.format(object, new Dict(), 0n, 0n).items[2] as boolean;
  }

  isreadable(object: unknown): boolean {
    const [, readable, recursive] = this.format(object, new Dict(), 0n, 0n).items;
    return truthy(readable) && !truthy(recursive);
  }

  _format(
    object: unknown,
    stream: Stream,
    indent: number,
    allowance: number,
    context: Dict,
    level: number,
  ): void {
    const key = contextKey(object);
    if (context.__contains__(key)) {
      stream.write(recursion(object));
      this._recursive = true;
      this._readable = false;
      return;
    }
    const rep = this._repr(object, context, level);
    if (strLen(rep) > this._width - indent - allowance) {
      const p = dispatchTable().get(typeRepr(object));
      if (p !== undefined || isDataclassWithRepr(object)) {
        context.__setitem__(key, 1n);
        (p ?? pprintDataclass).call(this, object, stream, indent, allowance, context, level + 1);
        context.__delitem__(key);
        return;
      }
    }
    stream.write(rep);
  }

  _format_dict_items(
    items: [unknown, unknown][],
    stream: Stream,
    indent: number,
    allowance: number,
    context: Dict,
    level: number,
  ): void {
    indent += this._indent_per_level;
    const delimnl = `,\n${spaces(indent)}`;
    items.forEach(([key, ent], i) => {
      const last = i === items.length - 1;
      const rep = this._repr(key, context, level);
      stream.write(rep);
      stream.write(": ");
      this._format(ent, stream, indent + strLen(rep) + 2, last ? allowance : 1, context, level);
      if (!last) stream.write(delimnl);
    });
  }

  _format_namespace_items(
    items: [string, unknown][],
    stream: Stream,
    indent: number,
    allowance: number,
    context: Dict,
    level: number,
  ): void {
    const delimnl = `,\n${spaces(indent)}`;
    items.forEach(([key, ent], i) => {
      const last = i === items.length - 1;
      stream.write(key);
      stream.write("=");
      // The recursion mark of a dataclass repr.
      if (context.__contains__(contextKey(ent))) stream.write("...");
      else {
        const at = indent + strLen(key) + 1;
        this._format(ent, stream, at, last ? allowance : 1, context, level);
      }
      if (!last) stream.write(delimnl);
    });
  }

  _format_items(
    items: unknown[],
    stream: Stream,
    indent: number,
    allowance: number,
    context: Dict,
    level: number,
  ): void {
    indent += this._indent_per_level;
    if (this._indent_per_level > 1) stream.write(spaces(this._indent_per_level - 1));
    const delimnl = `,\n${spaces(indent)}`;
    let delim = "";
    let maxWidth = this._width - indent + 1;
    let width = maxWidth;
    for (let i = 0; i < items.length; i++) {
      const ent = items[i];
      const last = i === items.length - 1;
      if (last) {
        maxWidth -= allowance;
        width -= allowance;
      }
      if (this._compact) {
        const rep = this._repr(ent, context, level);
        const w = strLen(rep) + 2;
        if (width < w) {
          width = maxWidth;
          if (delim) delim = delimnl;
        }
        if (width >= w) {
          width -= w;
          stream.write(delim);
          delim = ", ";
          stream.write(rep);
          continue;
        }
      }
      stream.write(delim);
      delim = delimnl;
      this._format(ent, stream, indent, last ? allowance : 1, context, level);
    }
  }

  _repr(object: unknown, context: Dict, level: number): string {
    const [rep, readable, recursive] = this.format(
      object,
      context.copy(),
      this._depth,
      BigInt(level),
    ).items;
    if (!truthy(readable)) this._readable = false;
    if (truthy(recursive)) this._recursive = true;
    return rep as string;
  }

  /** Format `object` for a context: a tuple (repr, readable, recursive). Subclasses override it. */
  format(object: unknown, context: unknown, maxlevels: unknown, level: unknown): Tuple {
    return this._safe_repr(object, context, maxlevels, level);
  }

  _safe_repr(object: unknown, context: unknown, maxlevels: unknown, level: unknown): Tuple {
    const result = (s: string, readable: boolean, recursive: boolean) =>
      new Tuple([s, readable, recursive]);
    const t = typeof object;
    if (
      t === "string" ||
      t === "number" ||
      t === "boolean" ||
      object === null ||
      object === undefined ||
      (object instanceof BytesLike &&
        (object.constructor === Bytes || object.constructor === ByteArray))
    )
      return result(repr(object), true, false);
    const r = typeRepr(object);
    if (t === "bigint" || (object instanceof IntSubclassBase && r === intSubclassRepr()))
      return result(
        truthy(this._underscore_numbers) ? pyFormat(object, "_d") : repr(object),
        true,
        false,
      );
    const ctx = context as Dict;
    const lvl = Number(level);
    const tooDeep = truthy(maxlevels) && ge(level, maxlevels);
    const container = (open: string, close: string, parts: (sub: Sub) => string[]) => {
      const key = contextKey(object);
      if (tooDeep) return result(`${open}...${close}`, false, ctx.__contains__(key));
      if (ctx.__contains__(key)) return result(recursion(object), false, true);
      ctx.__setitem__(key, 1n);
      let readable = true;
      let recursive = false;
      const sub: Sub = (x) => {
        const [s, rd, rc] = this.format(x, ctx, maxlevels, BigInt(lvl + 1)).items;
        if (!truthy(rd)) readable = false;
        if (truthy(rc)) recursive = true;
        return s as string;
      };
      const text = parts(sub).join(", ");
      ctx.__delitem__(key);
      return result(`${open}${text}${close}`, readable, recursive);
    };
    if (object instanceof Dict && r === Dict.prototype.__repr__) {
      if (object.size === 0) return result("{}", true, false);
      const items = dictItems(object, truthy(this._sort_dicts));
      return container("{", "}", (sub) => items.map(([k, v]) => `${sub(k)}: ${sub(v)}`));
    }
    if (r === LIST_REPR || (object instanceof Tuple && r === Tuple.prototype.__repr__)) {
      const xs = Array.isArray(object) ? object : (object as Tuple).items;
      const isList = Array.isArray(object);
      if (xs.length === 0) return result(isList ? "[]" : "()", true, false);
      const [open, close] = isList ? ["[", "]"] : ["(", xs.length === 1 ? ",)" : ")"];
      return container(open!, close!, (sub) => xs.map(sub));
    }
    const rep = repr(object);
    return result(rep, rep !== "" && !rep.startsWith("<"), false);
  }
}

const intSubclassRepr = () => (IntSubclassBase.prototype as { __repr__?: unknown }).__repr__;

// ---------------------------------------------------------------- the layouts of each type

const pprintDataclass: Handler = function (object, stream, indent, allowance, context, level) {
  const name = className(typeOf(object));
  const items = (fields(object).items as { name: string; repr_: boolean }[])
    .filter((f) => f.repr_)
    .map((f) => [f.name, object[f.name]] as [string, unknown]);
  stream.write(`${name}(`);
  this._format_namespace_items(items, stream, indent + name.length + 1, allowance, context, level);
  stream.write(")");
};

const pprintDict: Handler = function (object: Dict, stream, indent, allowance, context, level) {
  stream.write("{");
  if (this._indent_per_level > 1) stream.write(spaces(this._indent_per_level - 1));
  if (object.size > 0) {
    const items = dictItems(object, truthy(this._sort_dicts));
    this._format_dict_items(items, stream, indent, allowance + 1, context, level);
  }
  stream.write("}");
};

const pprintOrderedDict: Handler = function (object, stream, indent, allowance, context, level) {
  if (writtenIfEmpty(stream, object, (object as Dict).size)) return;
  const name = className(typeOf(object));
  stream.write(`${name}(`);
  const items = [...(object as Dict).entries()].map(([k, v]) => new Tuple([k, v]));
  this._format(items, stream, indent + name.length + 1, allowance + 1, context, level);
  stream.write(")");
};

const pprintList: Handler = function (
  object: unknown[],
  stream,
  indent,
  allowance,
  context,
  level,
) {
  stream.write("[");
  this._format_items([...object], stream, indent, allowance + 1, context, level);
  stream.write("]");
};

const pprintTuple: Handler = function (object: Tuple, stream, indent, allowance, context, level) {
  stream.write("(");
  const endchar = object.items.length === 1 ? ",)" : ")";
  this._format_items([...object.items], stream, indent, allowance + endchar.length, context, level);
  stream.write(endchar);
};

const pprintSet: Handler = function (object, stream, indent, allowance, context, level) {
  const items = toArray(object);
  if (writtenIfEmpty(stream, object, items.length)) return;
  let endchar = "}";
  if (Object.getPrototypeOf(object) === PySet.prototype) stream.write("{");
  else {
    const name = className(typeOf(object));
    stream.write(`${name}({`);
    endchar = "})";
    indent += name.length + 1;
  }
  const sorted = safeSorted(items, (x) => x);
  this._format_items(sorted, stream, indent, allowance + endchar.length, context, level);
  stream.write(endchar);
};

const pprintStr: Handler = function (value, stream, indent, allowance, _context, level) {
  // A str, or an instance of a subclass of str that keeps str's repr.
  const object: string = typeof value === "string" ? value : value.__str_value__;
  if (object.length === 0) {
    stream.write(repr(object));
    return;
  }
  const chunks: string[] = [];
  const lines = strMethods.splitlines(object, true) as string[];
  if (level === 1) {
    indent += 1;
    allowance += 1;
  }
  const maxWidth = this._width - indent;
  let maxWidth1 = maxWidth;
  let rep = "";
  lines.forEach((line, i) => {
    rep = repr(line);
    const lastLine = i === lines.length - 1;
    if (lastLine) maxWidth1 -= allowance;
    if (strLen(rep) <= maxWidth1) {
      chunks.push(rep);
      return;
    }
    const parts = wordsWithSpace(line);
    let maxWidth2 = maxWidth;
    let current = "";
    parts.forEach((part, j) => {
      const candidate = current + part;
      if (j === parts.length - 1 && lastLine) maxWidth2 -= allowance;
      if (strLen(repr(candidate)) > maxWidth2) {
        if (current) chunks.push(repr(current));
        current = part;
      } else current = candidate;
    });
    if (current) chunks.push(repr(current));
  });
  if (chunks.length === 1) {
    stream.write(rep);
    return;
  }
  if (level === 1) stream.write("(");
  chunks.forEach((c, i) => {
    if (i > 0) stream.write(`\n${spaces(indent)}`);
    stream.write(c);
  });
  if (level === 1) stream.write(")");
};

const pprintBytes: Handler = function (object: BytesLike, stream, indent, allowance, _c, level) {
  if (object.data.length <= 4) {
    stream.write(repr(object));
    return;
  }
  const parens = level === 1;
  if (parens) {
    indent += 1;
    allowance += 1;
    stream.write("(");
  }
  let delim = "";
  for (const rep of wrapBytesRepr(object.data, this._width - indent, allowance)) {
    stream.write(delim);
    stream.write(rep);
    if (!delim) delim = `\n${spaces(indent)}`;
  }
  if (parens) stream.write(")");
};

const pprintBytesOrBytearray: Handler = function (
  object: BytesLike,
  stream,
  indent,
  allowance,
  context,
  level,
) {
  if (!(object instanceof ByteArray)) {
    pprintBytes.call(this, object, stream, indent, allowance, context, level);
    return;
  }
  stream.write("bytearray(");
  const b = new Bytes(object.data);
  pprintBytes.call(this, b, stream, indent + 10, allowance + 1, context, level + 1);
  stream.write(")");
};

const pprintNamespace: Handler = function (object, stream, indent, allowance, context, level) {
  const cls = typeOf(object);
  const name = cls === SimpleNamespace ? "namespace" : className(cls);
  const items = Object.keys(object).map((k) => [k, object[k]] as [string, unknown]);
  stream.write(`${name}(`);
  this._format_namespace_items(items, stream, indent + name.length + 1, allowance, context, level);
  stream.write(")");
};

const pprintDefaultDict: Handler = function (object, stream, indent, allowance, context, level) {
  if (writtenIfEmpty(stream, object, (object as Dict).size)) return;
  const rdf = this._repr(object.default_factory, context, level);
  const name = className(typeOf(object));
  indent += name.length + 1;
  stream.write(`${name}(${rdf},\n${spaces(indent)}`);
  pprintDict.call(this, object, stream, indent, allowance + 1, context, level);
  stream.write(")");
};

const pprintCounter: Handler = function (object, stream, indent, allowance, context, level) {
  if (writtenIfEmpty(stream, object, (object as Dict).size)) return;
  const name = className(typeOf(object));
  stream.write(`${name}({`);
  if (this._indent_per_level > 1) stream.write(spaces(this._indent_per_level - 1));
  const items = (object.most_common() as Tuple[]).map((t) => t.items as [unknown, unknown]);
  this._format_dict_items(items, stream, indent + name.length + 1, allowance + 2, context, level);
  stream.write("})");
};

const pprintChainMap: Handler = function (object, stream, indent, allowance, context, level) {
  const maps = object.maps as unknown[];
  if (writtenIfEmpty(stream, object, maps.length)) return;
  const name = className(typeOf(object));
  stream.write(`${name}(`);
  indent += name.length + 1;
  maps.forEach((m, i) => {
    if (i === maps.length - 1) {
      this._format(m, stream, indent, allowance + 1, context, level);
      stream.write(")");
    } else {
      this._format(m, stream, indent, 1, context, level);
      stream.write(`,\n${spaces(indent)}`);
    }
  });
};

const pprintDeque: Handler = function (object, stream, indent, allowance, context, level) {
  const items = toArray(object);
  if (writtenIfEmpty(stream, object, items.length)) return;
  const name = className(typeOf(object));
  stream.write(`${name}(`);
  indent += name.length + 1;
  stream.write("[");
  if (object.maxlen === null || object.maxlen === undefined) {
    this._format_items(items, stream, indent, allowance + 2, context, level);
    stream.write("])");
  } else {
    this._format_items(items, stream, indent, 2, context, level);
    const rml = this._repr(object.maxlen, context, level);
    stream.write(`],\n${spaces(indent)}maxlen=${rml})`);
  }
};

const reprOfClass = (cls: unknown) =>
  (cls as { prototype: { __repr__: unknown } }).prototype.__repr__;

/**
 * `PrettyPrinter._dispatch`: the layout of each `__repr__`, built at the first use (the classes
 * come from other modules, see "Load order" in docs/ARCHITECTURE.md).
 */
let dispatch: Map<unknown, Handler> | null = null;
const dispatchTable = (): Map<unknown, Handler> =>
  (dispatch ??= new Map<unknown, Handler>([
    [Dict.prototype.__repr__, pprintDict],
    [reprOfClass(OrderedDict), pprintOrderedDict],
    [LIST_REPR, pprintList],
    [Tuple.prototype.__repr__, pprintTuple],
    [PySet.prototype.__repr__, pprintSet],
    [FrozenSet.prototype.__repr__, pprintSet],
    [STR_REPR, pprintStr],
    [BytesLike.prototype.__repr__, pprintBytesOrBytearray],
    [reprOfClass(SimpleNamespace), pprintNamespace],
    [reprOfClass(defaultdict), pprintDefaultDict],
    [reprOfClass(Counter), pprintCounter],
    [reprOfClass(ChainMap), pprintChainMap],
    [reprOfClass(deque), pprintDeque],
  ]));

export const PrettyPrinter = libraryClass(PrettyPrinterImpl, "PrettyPrinter", "pprint");
export type PrettyPrinter = PrettyPrinterImpl;

// ---------------------------------------------------------------- module functions

/** The keyword-only options of `pprint`/`pformat`, passed on to PrettyPrinter. */
function options([compact, sortDicts, underscore]: unknown[]): Kw {
  return kw({ compact, sort_dicts: sortDicts, underscore_numbers: underscore });
}

/** `pprint.pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False, ...)`. */
export function pprint(...args: unknown[]): null {
  const [object, stream, indent, width, depth, ...rest] = bind(PPRINT, args);
  return new PrettyPrinterImpl(indent, width, depth, stream, options(rest)).pprint(object);
}

/** `pprint.pformat(object, indent=1, width=80, depth=None, *, compact=False, ...)`. */
export function pformat(...args: unknown[]): string {
  const [object, indent, width, depth, ...rest] = bind(PFORMAT, args);
  return new PrettyPrinterImpl(indent, width, depth, null, options(rest)).pformat(object);
}

/** `pprint.pp(object, *args, sort_dicts=False, **kwargs)`: `pprint` without sorting dicts. */
export function pp(...args: unknown[]): null {
  const [object, rest, sortDicts, kwargs] = bind(PP, args) as [unknown, Tuple, unknown, Dict];
  const kws: Record<string, unknown> = { sort_dicts: sortDicts };
  for (const [k, v] of kwargs.entries()) kws[k as string] = v;
  return pprint(object, ...rest.items, kw(kws));
}

/** `pprint.saferepr(object)`: a repr that marks recursion instead of looping. */
export function saferepr(object: unknown): string {
  return safeRepr(object)[0] as string;
}

/** `pprint.isreadable(object)`: whether `eval(saferepr(object))` would rebuild it. */
export function isreadable(object: unknown): boolean {
  return safeRepr(object)[1] as boolean;
}

/** `pprint.isrecursive(object)`: whether `object` contains itself. */
export function isrecursive(object: unknown): boolean {
  return safeRepr(object)[2] as boolean;
}

function safeRepr(object: unknown): readonly unknown[] {
  return new PrettyPrinterImpl()._safe_repr(object, new Dict(), null, 0n).items;
}
