/**
 * What `/metrics` shows, in Prometheus' text format: runs and their ops counted since the process started, API calls
 * by system and status (from the adapters' call accounting), and how many webhooks wait in the inbox.
 */
import { Context, Effect, Option } from "effect"
import type { CallCount } from "../../adapters/http/Calls.ts"

export type RunTrigger = "operator" | "webhook" | "schedule"
export type RunOutcome = "succeeded" | "failed"
export type OpResult = "done" | "failed" | "skipped"

export interface RunCounters {
  readonly recordRun: (trigger: RunTrigger, dryRun: boolean, outcome: RunOutcome) => void
  readonly recordOps: (results: ReadonlyArray<OpResult>) => void
  readonly runs: () => ReadonlyMap<string, number>
  readonly ops: () => ReadonlyMap<OpResult, number>
}

const runKey = (trigger: RunTrigger, dryRun: boolean, outcome: RunOutcome) =>
  `trigger="${trigger}",dry_run="${dryRun}",outcome="${outcome}"`

export const makeRunCounters = (): RunCounters => {
  const runs = new Map<string, number>()
  const ops = new Map<OpResult, number>()
  return {
    recordRun: (trigger, dryRun, outcome) => {
      const key = runKey(trigger, dryRun, outcome)
      runs.set(key, (runs.get(key) ?? 0) + 1)
    },
    recordOps: (results) => {
      for (const result of results) ops.set(result, (ops.get(result) ?? 0) + 1)
    },
    runs: () => runs,
    ops: () => ops,
  }
}

/** What a runs thread (RunsThread.ts) has counted, as it crosses to the service's thread. */
export interface RunsSnapshot {
  readonly runs: ReadonlyArray<readonly [string, number]>
  readonly ops: ReadonlyArray<readonly [OpResult, number]>
  readonly calls: ReadonlyArray<CallCount>
  readonly runsWaiting: number
}

/** Where a service whose runs have a thread of their own asks for that thread's counts. */
export class RunsThreadCounts extends Context.Tag("harness/service/RunsThreadCounts")<
  RunsThreadCounts,
  () => Promise<RunsSnapshot>
>() {}

/** The runs thread's counts; none when runs happen on this thread. */
export const runsThreadCounts: Effect.Effect<RunsSnapshot | null> = Effect.flatMap(
  Effect.serviceOption(RunsThreadCounts),
  Option.match({ onNone: () => Effect.succeed(null), onSome: (counts) => Effect.promise(counts) }),
)

/** The sums of this thread's counts and those of its runs thread. */
export const withRunsThread = (
  own: Pick<MetricsInput, "runs" | "ops" | "calls" | "runsWaiting">,
  thread: RunsSnapshot,
): Pick<MetricsInput, "runs" | "ops" | "calls" | "runsWaiting"> => {
  const add = <K>(into: Map<K, number>, entries: Iterable<readonly [K, number]>) => {
    for (const [key, count] of entries) into.set(key, (into.get(key) ?? 0) + count)
    return into
  }
  const callKey = (call: CallCount) => JSON.stringify([call.system, call.method, call.template, call.outcome])
  const calls = new Map<string, CallCount>()
  for (const call of [...own.calls, ...thread.calls]) {
    const key = callKey(call)
    calls.set(key, { ...call, count: (calls.get(key)?.count ?? 0) + call.count })
  }
  return {
    runs: add(add(new Map(), own.runs), thread.runs),
    ops: add(add(new Map(), own.ops), thread.ops),
    calls: [...calls.values()],
    runsWaiting: own.runsWaiting + thread.runsWaiting,
  }
}

export interface MetricsInput {
  readonly runs: ReadonlyMap<string, number>
  readonly ops: ReadonlyMap<OpResult, number>
  readonly calls: ReadonlyArray<CallCount>
  readonly queueDepth: number
  /** Deliveries in the inbox by state: `dead` ones were given up on and need the operator's eye. */
  readonly webhooks: Readonly<Record<"pending" | "done" | "failed" | "dead", number>>
  readonly runsWaiting: number
}

const family = (name: string, type: "counter" | "gauge", help: string, samples: ReadonlyArray<string>) => [
  `# HELP ${name} ${help}`,
  `# TYPE ${name} ${type}`,
  ...samples,
]

/** Calls grouped by system and status (`network` when no answer came), summed over methods and paths. */
const callsByStatus = (calls: ReadonlyArray<CallCount>) => {
  const totals = new Map<string, number>()
  for (const call of calls) {
    const key = `system="${call.system}",status="${call.outcome}"`
    totals.set(key, (totals.get(key) ?? 0) + call.count)
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b))
}

export const renderMetrics = (input: MetricsInput): string => {
  const lines = [
    ...family(
      "iltsync_runs_total",
      "counter",
      "Sync runs finished since start, by trigger, dry run and outcome.",
      [...input.runs.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, n]) => `iltsync_runs_total{${key}} ${n}`),
    ),
    ...family(
      "iltsync_ops_total",
      "counter",
      "Ops of applied runs since start, by result.",
      (["done", "failed", "skipped"] as const).map(
        (result) => `iltsync_ops_total{result="${result}"} ${input.ops.get(result) ?? 0}`,
      ),
    ),
    ...family(
      "iltsync_api_calls_total",
      "counter",
      "Calls to Docebo and Training Orchestra since start, by system and HTTP status.",
      callsByStatus(input.calls).map(([key, n]) => `iltsync_api_calls_total{${key}} ${n}`),
    ),
    ...family("iltsync_webhook_queue_depth", "gauge", "Webhook deliveries waiting to be processed.", [
      `iltsync_webhook_queue_depth ${input.queueDepth}`,
    ]),
    ...family(
      "iltsync_webhooks",
      "gauge",
      "Webhook deliveries kept in the inbox, by state (dead: given up on after repeated attempts that never settled).",
      (["pending", "done", "failed", "dead"] as const).map(
        (status) => `iltsync_webhooks{status="${status}"} ${input.webhooks[status]}`,
      ),
    ),
    ...family("iltsync_runs_waiting", "gauge", "Sync runs waiting for the one running now.", [
      `iltsync_runs_waiting ${input.runsWaiting}`,
    ]),
  ]
  return `${lines.join("\n")}\n`
}
