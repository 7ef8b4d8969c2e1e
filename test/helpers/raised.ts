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
