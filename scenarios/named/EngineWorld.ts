/**
 * The engine world of a named scenario: both simulators and iltsync in one process on virtual time, through the real
 * adapters and store (scenarios/e2e/InProcess.ts), with the words a scenario needs to drive and read it.
 */
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import type { ReconcileOptions, ReconcileReport } from "../../engine/Reconcile.ts"
import type { FaultSettings } from "../../simulators/shared/Faults.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { type InProcessOptions, makeInProcess, type RunResult } from "../e2e/InProcess.ts"

export interface EngineWorld {
  readonly inProcess: ReturnType<typeof makeInProcess>
  /** One reconcile; its result is kept as `last`. */
  readonly sync: (options?: Partial<ReconcileOptions>) => Promise<RunResult>
  /** The result of the latest `sync`. */
  readonly last: () => RunResult
  readonly report: () => ReconcileReport
  readonly docebo: () => ReturnType<EngineWorld["inProcess"]["docebo"]["state"]["snapshot"]>
  readonly to: () => ReturnType<EngineWorld["inProcess"]["to"]["state"]["snapshot"]>
  /** What a TO planner or a Docebo admin does in their own UI; the record it answers. */
  readonly toAct: (body: object) => Promise<Record<string, unknown>>
  readonly doceboAct: (body: object) => Promise<Record<string, unknown>>
  /** Docebo's API as its admin calls it. */
  readonly doceboApi: (path: string, method: string, body?: object) => Promise<Record<string, unknown>>
  readonly faults: (system: "docebo" | "to", settings: FaultSettings) => Promise<void>
  /** The event log's entries of one action, newest first. */
  readonly logged: (action: string) => Promise<ReadonlyArray<{ readonly details: unknown; readonly user: string }>>
  readonly withStore: ReturnType<typeof makeInProcess>["withStore"]
  /** Values a step keeps for a later one. */
  readonly memo: Map<string, unknown>
  readonly close: () => Promise<void>
}

const succeeded = (what: string, answer: { status: number; body: { data?: Record<string, unknown> } }) => {
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  return answer.body.data ?? {}
}

export const openEngineWorld = async (tenant: string, options: InProcessOptions = {}): Promise<EngineWorld> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const inProcess = makeInProcess(seeds, options)
  let last: RunResult | undefined
  const current = () => {
    if (last === undefined) throw new Error("no sync has run yet")
    return last
  }
  return {
    inProcess,
    sync: async (options) => {
      last = await inProcess.run(options)
      return last
    },
    last: current,
    report: () => {
      const report = current().report
      if (report === undefined) throw new Error("the last sync was cut off before it reported")
      return report
    },
    docebo: () => inProcess.docebo.state.snapshot(),
    to: () => inProcess.to.state.snapshot(),
    toAct: async (body) => succeeded("the TO planner's action", await inProcess.toAct(body)),
    doceboAct: async (body) => succeeded("the Docebo admin's action", await inProcess.doceboAct(body)),
    doceboApi: async (path, method, body) =>
      succeeded(`Docebo ${method} ${path}`, await inProcess.doceboApi(path, method, body)),
    faults: async (system, settings) => {
      const sim = system === "docebo" ? inProcess.docebo : inProcess.to
      const response = await sim.app.request("/__sim/faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(settings),
      })
      if (response.status !== 200) throw new Error(`the ${system} simulator refused the faults: ${response.status}`)
    },
    logged: (action) =>
      inProcess.withStore(
        Effect.map(
          Effect.flatMap(Store, (store) => store.queryEvents({ action, limit: 500 })),
          (page) => page.items,
        ),
      ),
    withStore: inProcess.withStore,
    memo: new Map(),
    close: async () => inProcess.dispose(),
  }
}
