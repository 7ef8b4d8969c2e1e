/**
 * What a case needs from the machine (`needs` in case.json): "network" (a TCP listener and a
 * connection on the loopback interface) and "processes" (spawning a child process).
 *
 * The runner probes each need once per run; a case whose needs are not all available is reported
 * as "skipped" with the missing need, instead of failing for a reason that is not ours.
 * `ASYNCIO_TS_CONFORMANCE_WITHOUT=network,processes` declares needs unavailable without probing
 * (for sandboxes where a probe would hang, and for tests); conformance/record.py honours the same
 * variable when recording.
 */
import { spawn } from "node:child_process";
import * as net from "node:net";
import type { Case } from "./schema";

export type Need = Case["needs"][number];

export const ALL_NEEDS: readonly Need[] = ["network", "processes"];

/** The environment variable naming needs to treat as unavailable. */
export const WITHOUT_ENV = "ASYNCIO_TS_CONFORMANCE_WITHOUT";

const PROBE_TIMEOUT_MS = 5_000;

/** Can we listen on 127.0.0.1 and connect to ourselves? */
export function probeNetwork(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer((sock) => sock.end());
    const done = (ok: boolean) => {
      clearTimeout(timer);
      server.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), PROBE_TIMEOUT_MS);
    server.once("error", () => done(false));
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return done(false);
      const client = net.connect(address.port, "127.0.0.1", () => {
        client.end();
        done(true);
      });
      client.once("error", () => done(false));
    });
  });
}

/** Can we start a child process (this Node, `--version`) and see it exit 0? */
export function probeProcesses(): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => {
      child.kill();
      done(false);
    }, PROBE_TIMEOUT_MS);
    const child = spawn(process.execPath, ["--version"], { stdio: "ignore" });
    child.once("error", () => done(false));
    child.once("exit", (code) => done(code === 0));
  });
}

/** The needs named in `ASYNCIO_TS_CONFORMANCE_WITHOUT`; an unknown name is an error. */
export function declaredUnavailable(env: NodeJS.ProcessEnv = process.env): Set<Need> {
  const out = new Set<Need>();
  for (const raw of (env[WITHOUT_ENV] ?? "").split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    if (!(ALL_NEEDS as readonly string[]).includes(name))
      throw new Error(
        `${WITHOUT_ENV}: unknown need ${JSON.stringify(name)} (known: ${ALL_NEEDS.join(", ")})`,
      );
    out.add(name as Need);
  }
  return out;
}

/** The needs this machine provides: probed, minus the declared-unavailable ones. */
export async function availableNeeds(env: NodeJS.ProcessEnv = process.env): Promise<Set<Need>> {
  const without = declaredUnavailable(env);
  const probes: Record<Need, () => Promise<boolean>> = {
    network: probeNetwork,
    processes: probeProcesses,
  };
  const out = new Set<Need>();
  for (const need of ALL_NEEDS) {
    if (!without.has(need) && (await probes[need]())) out.add(need);
  }
  return out;
}

/** The needs of a case that `available` lacks, in case.json order. */
export function missingNeeds(needs: readonly Need[], available: ReadonlySet<Need>): Need[] {
  return needs.filter((n) => !available.has(n));
}
