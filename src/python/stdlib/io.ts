/**
 * Python's `io` module: the in-memory streams `StringIO` and `BytesIO` (implemented in
 * src/python/io.ts beside `sys.stdout`, so the runtime's own users need not load this module),
 * the abstract bases for `isinstance` (`IOBase`, `RawIOBase`, `BufferedIOBase`, `TextIOBase`),
 * the file classes of `open()` (`TextIOWrapper`, `BufferedReader`, ..., from src/python/_io.ts),
 * `open`, `UnsupportedOperation`, `SEEK_SET`/`SEEK_CUR`/`SEEK_END` and `DEFAULT_BUFFER_SIZE`.
 *
 * - `StringIO(initial_value='', newline='\n')`: positions count code points; `newline=None`
 *   translates "\r\n" and "\r" to "\n" when writing (and reads lines at "\n"), `''` splits lines
 *   at any ending and keeps them, `'\r'` / `'\r\n'` write "\n" as that ending and split there.
 *   Seeks relative to the current position or the end take only offset 0 ("Can't do nonzero
 *   cur-relative seeks"), as in CPython.
 * - `BytesIO(initial_bytes=b'')`: writing past the end pads with zero bytes; `truncate` keeps the
 *   position.
 * - Both: `read`, `readline`, `readlines`, iteration, `write`, `writelines`, `getvalue`, `seek`,
 *   `tell`, `truncate`, `close`/`closed`, `with`, `readable`/`writable`/`seekable`, CPython's
 *   errors ("I/O operation on closed file.", "negative seek value -1", "Negative seek position
 *   -1", "invalid whence (3, should be 0, 1 or 2)", "a bytes-like object is required, not 'str'",
 *   "string argument expected, got 'bytes'") and reprs (`<_io.BytesIO object at 0x...>`).
 *
 * Differences from CPython: `BytesIO.getbuffer()`, `readinto`, `detach` and the `newlines`
 * attribute of StringIO are missing; `isinstance(x, io.IOBase)` is true for these streams, the
 * files of `open()` and `sys.stdout`/`sys.stderr`/`sys.stdin`, but the abstract bases cannot be
 * instantiated or subclassed to make a stream (TypeError "asyncio-ts cannot instantiate or
 * subclass io.IOBase"; CPython allows both). `StringIO` and `BytesIO` can be subclassed.
 */

import {
  BufferedRandom,
  BufferedReader,
  BufferedWriter,
  FileIO,
  open,
  TextIOWrapper,
  UnsupportedOperation as unsupportedOperation,
} from "../_io";
import { TypeError as PyTypeError } from "../exceptions";
import { BytesIO as BytesIOImpl, InputStream, StringIO as StringIOImpl, TextStream } from "../io";
import { libraryClass } from "./types";

export { BufferedRandom, BufferedReader, BufferedWriter, FileIO, open, TextIOWrapper };

export const SEEK_SET = 0n;
export const SEEK_CUR = 1n;
export const SEEK_END = 2n;
export const DEFAULT_BUFFER_SIZE = 8192n;

/** `io.UnsupportedOperation` (an OSError and a ValueError). */
export const UnsupportedOperation = unsupportedOperation();

export const StringIO = libraryClass(StringIOImpl, "StringIO", "_io");
export const BytesIO = libraryClass(BytesIOImpl, "BytesIO", "_io");

/** An abstract base of `io` whose `isinstance` answers for the runtime's stream classes. */
function abstractBase(name: string, members: () => Function[]): Function {
  const cls = class {
    constructor() {
      throw new PyTypeError(`asyncio-ts cannot instantiate or subclass io.${name}`);
    }
  };
  Object.defineProperty(cls, Symbol.hasInstance, {
    value: (x: unknown) => members().some((c) => x instanceof (c as new () => unknown)),
  });
  return libraryClass(cls, name, "io");
}

const binaryFiles = (): Function[] => [BufferedReader, BufferedWriter, BufferedRandom];
const textStreams = (): Function[] => [StringIOImpl, TextIOWrapper, TextStream, InputStream];

export const IOBase = abstractBase("IOBase", () => [
  ...textStreams(),
  ...binaryFiles(),
  BytesIOImpl,
  FileIO,
]);
export const RawIOBase = abstractBase("RawIOBase", () => [FileIO]);
export const BufferedIOBase = abstractBase("BufferedIOBase", () => [...binaryFiles(), BytesIOImpl]);
export const TextIOBase = abstractBase("TextIOBase", textStreams);
