/** What the transpiler's `$py.pyclass` does for runtime tests: names, then `__init_subclass__`. */
export function pyclass<C extends Function>(cls: C, qualname: string): C {
  for (const [k, v] of [
    ["__name__", qualname],
    ["__qualname__", qualname],
    ["__module__", "__main__"],
  ]) {
    Object.defineProperty(cls, k, { value: v, configurable: true, writable: true });
  }
  const hook = (Object.getPrototypeOf(cls) as { __init_subclass__?: Function }).__init_subclass__;
  if (typeof hook === "function") hook.call(cls);
  return cls;
}
