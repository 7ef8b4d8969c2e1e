import { repr } from "../../src/python/repr";

/** The repr of what `f` raises (`ValueError('boom')`), or "no exception". */
export function raised(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return repr(e);
  }
  return "no exception";
}

/** What `fn` throws; the test fails when it throws nothing. */
export function catchSync<E = Error>(fn: () => unknown): E {
  try {
    fn();
  } catch (exc) {
    return exc as E;
  }
  throw new Error("expected an exception");
}
