/**
 * The real system of the model runs: both simulators and iltsync in one process on virtual time, through the real
 * adapters and a SQLite store (scenarios/e2e/InProcess.ts). The simulators' webhooks are caught on their way out
 * into an outbox, so that a command decides when each is delivered, late, twice, out of order or never.
 */
import { Effect } from "effect"
import { Store, type StoreService } from "../../adapters/store/Store.ts"
import type { RequestPriority } from "../../engine/Ports.ts"
import type { ReconcileOptions, ReconcileReport } from "../../engine/Reconcile.ts"
import type { RunLock } from "../../harness/service/RunLock.ts"
import type { FaultSettings } from "../../simulators/shared/Faults.ts"
import type { SimulatorSeeds } from "../../tenants/SimulatorSeeds.ts"
import { makeInProcess } from "../e2e/InProcess.ts"
import type { KnownBugs } from "./KnownBugs.ts"

export interface Webhook {
  readonly source: "docebo" | "to"
  readonly messageId: string
  readonly event: string
  readonly body: unknown
}

/** How a run ended: its report, cut off by a crash, or failed (a system kept failing). */
export type RunEnd =
  | { readonly kind: "done"; readonly report: ReconcileReport }
  | { readonly kind: "crashed" }
  | { readonly kind: "failed"; readonly reason: string }

/** What a periodic full reconcile of the service reads: every TO resource, and two courses' sessions as an audit. */
export const periodic: Partial<ReconcileOptions> = { full: true, auditCourses: 2 }

/** Waits before each API call of a run (the races use it to interleave other work between calls). */
export type Gate = (call: { readonly system: "docebo" | "to"; readonly path: string }) => Promise<void>

export const makeWorld = (seeds: SimulatorSeeds, bugs?: Pick<KnownBugs, "doceboReusesDeletedIds">) => {
  const inProcess = makeInProcess(seeds)
  if (bugs !== undefined && !bugs.doceboReusesDeletedIds) {
    // Steering around KnownBugs.doceboReusesDeletedIds: each table's last id is taken now, so none is reused later.
    const store = inProcess.docebo.state.store
    for (const table of [store.courses, store.sessions, store.events, store.locations, store.classrooms])
      store.nextId(table as never)
  }
  const outbox: Webhook[] = []
  const delivered: Webhook[] = []
  for (const [source, sim] of [
    ["docebo", inProcess.docebo],
    ["to", inProcess.to],
  ] as const) {
    // Caught instead of sent: nothing is subscribed, so the dispatcher itself would drop them anyway.
    sim.state.webhooks.emit = (messageId: string, event: string, envelope: unknown) => {
      outbox.push({ source, messageId, event, body: envelope })
      return null
    }
  }
  let gate: Gate | null = null
  for (const [system, sim] of [
    ["docebo", inProcess.docebo],
    ["to", inProcess.to],
  ] as const) {
    const request = sim.app.request.bind(sim.app)
    // The adapters reach the simulators through `app.request`; the control surface (`/__sim/`) is never gated.
    sim.app.request = (async (input: string | Request | URL, init?: RequestInit) => {
      const path = new URL(String(input), "http://sim.test").pathname
      if (gate !== null && !path.startsWith("/__sim/")) await gate({ system, path })
      return request(input as string, init)
    }) as typeof sim.app.request
  }

  let lock: RunLock | null = null
  /** A full reconcile waits behind the operator's and the webhooks' runs, as the service's scheduler does. */
  const priorityOf = (options: Partial<ReconcileOptions>) => (options.full === true ? "background" : "interactive")
  let active = 0
  let mostActive = 0
  const started = () => {
    active += 1
    mostActive = Math.max(mostActive, active)
  }
  const ended = () => {
    active -= 1
  }
  // On a tenant without Docebo's webinar-accounts endpoint (the strict profile), the operator imported the accounts
  // before the first sync.
  const accountsImported = inProcess.importWebinarAccountsIfNeeded()
  const run = (options: Partial<ReconcileOptions>, crashAt?: number) => {
    const running = async () => {
      await accountsImported
      started()
      try {
        return await inProcess.run(options, crashAt === undefined ? undefined : { atCall: crashAt })
      } finally {
        ended()
      }
    }
    return lock === null ? running() : Effect.runPromise(lock.withLock(priorityOf(options))(Effect.promise(running)))
  }
  /** A run of the webhook worker's, counted and (once the races set the lock) locked as the world's own runs are. */
  const workerRun =
    (priority: RequestPriority) =>
    <A, E, R>(effect: Effect.Effect<A, E, R>) => {
      const counted = Effect.acquireUseRelease(
        Effect.sync(started),
        () => effect,
        () => Effect.sync(ended),
      )
      return lock === null ? counted : lock.withLock(priority)(counted)
    }

  const reconcile = async (options: Partial<ReconcileOptions>, crashAt?: number): Promise<RunEnd> => {
    try {
      const result = await run(options, crashAt)
      if (result.crashed || result.report === undefined) return { kind: "crashed" }
      return { kind: "done", report: result.report }
    } catch (error) {
      return { kind: "failed", reason: error instanceof Error ? error.message.slice(0, 300) : String(error) }
    }
  }

  const faults = async (system: "docebo" | "to", settings: FaultSettings) => {
    const sim = system === "docebo" ? inProcess.docebo : inProcess.to
    const answer = await sim.app.request("/__sim/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(settings),
    })
    if (answer.status !== 200) throw new Error(`the ${system} simulator refused the faults (${answer.status})`)
  }

  /** Docebo's API as its admin uses it; the admin works in Docebo's own UI, which iltsync's faults do not reach. */
  const admin = async (path: string, method: string, body?: object) => {
    const settings = inProcess.docebo.state.faults.current()
    await faults("docebo", {})
    try {
      const answer = await inProcess.doceboApi(path, method, body)
      if (answer.status !== 200) throw new Error(`Docebo ${method} ${path} answered ${answer.status}`)
      return answer.body.data ?? {}
    } finally {
      await faults("docebo", settings)
    }
  }

  const store = <A, E>(use: (store: StoreService) => Effect.Effect<A, E>) =>
    inProcess.withStore(Effect.flatMap(Store, use))

  return {
    inProcess,
    outbox,
    delivered,
    reconcile,
    workerRun,
    faults,
    admin,
    store,
    docebo: () => inProcess.docebo.state.snapshot(),
    to: () => inProcess.to.state.snapshot(),
    setGate: (next: Gate | null) => {
      gate = next
    },
    /** Runs from now on take the service's run lock: one at a time, an operator's or a webhook's first. */
    useLock: (next: RunLock) => {
      lock = next
    },
    /** The most runs that were ever under way at once. */
    mostRunsAtOnce: () => mostActive,
    dispose: () => inProcess.dispose(),
  }
}

export type World = ReturnType<typeof makeWorld>
