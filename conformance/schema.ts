/**
 * Schemas of the conformance fixtures (`fixtures/<area>/<case>/`):
 *
 * - `case.json`: what the case is and how to run it ({@link CaseSchema});
 * - `expected.json`: what CPython 3.13.0 did, recorded by `conformance/record.py`
 *   ({@link ExpectedSchema});
 * - the scheduling trace, one JSON object per line, written by `conformance/trace_cpython.py`
 *   under CPython and by `src/asyncio/trace.ts` in our runtime ({@link TraceEventSchema}).
 */
import { z } from "zod";

/** The fixture areas (folder names under `fixtures/`); each must hold at least `MIN_CASES_PER_AREA`. */
export const AREAS = [
  "loop_callbacks",
  "loop_lifecycle",
  "futures",
  "tasks",
  "task_api",
  "timeouts",
  "taskgroups",
  "eager_tasks",
  "locks",
  "queues",
  "contextvars",
  "async_generators",
  "async_context",
  "exception_handler",
  "runners",
  "lang_print",
  "lang_numbers",
  "lang_strings",
  "lang_containers",
  "lang_classes",
  "lang_exceptions",
  "lang_generators",
  "lang_calls",
  "lang_stdlib",
  "executors",
  "services",
] as const;
export type Area = (typeof AREAS)[number];

export const MIN_CASES_PER_AREA = 10;
export const MIN_CASES_TOTAL = 250;

/** A known, documented difference from CPython: the case is expected to differ. */
export const DivergenceSchema = z
  .object({
    reason: z.string().min(1, "divergence.reason must say why the case differs"),
    doc: z
      .string()
      .regex(
        /^DIFFERENCES\.md#[a-z0-9-]+$/,
        'divergence.doc must look like "DIFFERENCES.md#anchor"',
      ),
  })
  .strict();

/** `case.json`. Omitted fields take their defaults. */
export const CaseSchema = z
  .object({
    description: z.string().min(1, "description must not be empty"),
    args: z.array(z.string()).default([]),
    stdin: z.string().nullable().default(null),
    /** Seconds; the case fails if it runs longer. */
    timeout: z.number().positive().max(600).default(10),
    needs: z.array(z.enum(["network", "processes"])).default([]),
    divergence: DivergenceSchema.nullable().default(null),
    /** Compare level-2 (scheduling) traces, not just output. */
    trace: z.boolean().default(true),
  })
  .strict();
export type Case = z.infer<typeof CaseSchema>;

/** One step of a Task: a scheduled step, a wake-up, or an eager task's first step. */
export const StepEventSchema = z
  .object({
    ev: z.literal("step"),
    task: z.string(),
    coro: z.string().min(1),
  })
  .strict();

/** Any other callback run by the loop; `fn` is its `__qualname__`, or `"asyncio"`. */
export const CallbackEventSchema = z
  .object({
    ev: z.literal("cb"),
    fn: z.string().min(1),
  })
  .strict();

export const TraceEventSchema = z.discriminatedUnion("ev", [StepEventSchema, CallbackEventSchema]);
export type StepEvent = z.infer<typeof StepEventSchema>;
export type CallbackEvent = z.infer<typeof CallbackEventSchema>;
export type TraceEvent = z.infer<typeof TraceEventSchema>;

/** `expected.json`, as recorded under CPython. */
export const ExpectedSchema = z
  .object({
    python: z.string().regex(/^\d+\.\d+\.\d+$/, "python must be a version like 3.13.0"),
    stdout: z.string(),
    exit_code: z.number().int(),
    /** The last non-blank line of stderr, trailing whitespace removed; "" when stderr is blank. */
    stderr_last_line: z.string().refine((s) => !s.includes("\n"), "must be a single line"),
    trace: z.array(TraceEventSchema),
  })
  .strict();
export type Expected = z.infer<typeof ExpectedSchema>;

/** Parse one JSON Lines trace (as written to a trace file) into events; throws on a bad line. */
export function parseTrace(text: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const result = TraceEventSchema.safeParse(JSON.parse(line));
    if (!result.success) {
      throw new Error(`trace line ${i + 1}: ${formatIssues(result.error)}`);
    }
    events.push(result.data);
  }
  return events;
}

/** A one-line-per-issue description of a validation error: `path: message`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
