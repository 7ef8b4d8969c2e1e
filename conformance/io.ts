/** Where the conformance commands write: the process's streams, or buffers in tests. */
export interface Output {
  write(text: string): unknown;
  /** A terminal: progress is drawn as a bar and reports are coloured. */
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Output;
  stderr: Output;
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

/** An Io that collects what is written (for tests). */
export function bufferIo(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}
