/**
 * Both simulators and iltsync in one process, the way operators run them but without ports: the real adapters reach
 * the simulators through `app.request`, the store is a SQLite file in a temporary folder. Calls can be broken on the
 * way (faults) or the whole process "killed" at a chosen API call, then restarted from the same store.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit, Fiber, identity, Layer } from "effect"
import { DoceboBudgetLive } from "../../adapters/docebo/Budget.ts"
import { CallAccounting, CallAccountingLive } from "../../adapters/http/Calls.ts"
import { type Fetch, fetchFromApp } from "../../adapters/http/Fetch.ts"
import { inVirtualTime, trackInFlight, VirtualClock } from "../../adapters/http/testing/VirtualClock.ts"
import type { Store } from "../../adapters/store/Store.ts"
import { ToBudgetLive } from "../../adapters/training-orchestra/Budget.ts"
import type { RequestPriority } from "../../engine/Ports.ts"
import { type ReconcileOptions, type ReconcileReport, reconcile } from "../../engine/Reconcile.ts"
import { storeLayer } from "../../harness/App.ts"
import { importSimulatorWebinarAccounts, simulatorEnv } from "../../harness/Simulators.ts"
import { appLayer } from "../../harness/Sync.ts"
import { type Inbox, InboxLive } from "../../harness/service/Inbox.ts"
import { Runner, RunnerLive, type SyncOutcome, type SyncRequest } from "../../harness/service/Runner.ts"
import { SystemsLive } from "../../harness/service/Systems.ts"
import { type DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import type { SimulatorSeeds } from "../../tenants/SimulatorSeeds.ts"

const simulatorsEnv = simulatorEnv({ docebo: "http://docebo.test", to: "http://to.test" })

export interface RunResult {
  readonly report: ReconcileReport | undefined
  /** API calls of this run, by system, reads (GET) and writes. */
  readonly calls: { readonly docebo: { reads: number; writes: number }; readonly to: { reads: number; writes: number } }
  readonly crashed: boolean
}

/** Where virtual time starts: the simulators and the adapters read the same clock, so waits take no real time. */
const start = Date.UTC(2027, 0, 4, 8, 0, 0)

export interface InProcessOptions {
  /**
   * What the Docebo simulator withholds (simulators/docebo/Profile.ts): `strict` unless given, the conservative
   * reading of the evidence, so that every suite shows iltsync copes without what Docebo does not promise.
   */
  readonly doceboProfile?: DoceboProfile
  /** Settings of iltsync's environment besides the simulators' addresses (e.g. `ILTSYNC_DOCEBO_SESSION_STAMP`). */
  readonly env?: Readonly<Record<string, string>>
}

export const makeInProcess = (seeds: SimulatorSeeds, options: InProcessOptions = {}) => {
  const env = { ...simulatorsEnv, ...options.env }
  const folder = mkdtempSync(join(tmpdir(), "iltsync-e2e-"))
  const clock = new VirtualClock(start)
  const simulatorClock = { now: () => clock.unsafeCurrentTimeMillis() }
  const docebo = makeDoceboSimulator({
    seed: seeds.docebo,
    clock: simulatorClock,
    profile: options.doceboProfile ?? "strict",
  })
  const to = makeToSimulator({ seed: seeds.to, clock: simulatorClock })
  let apiCalls = 0
  let crashAt: number | undefined
  let crashed = false
  let onCrash: () => void = () => undefined
  /** Counts the calls reaching either system; at the crash call, nothing more is sent and the process "dies". */
  const through =
    (fetch: Fetch): Fetch =>
    (input, init) => {
      apiCalls++
      if (crashAt !== undefined && apiCalls >= crashAt) {
        if (!crashed) {
          crashed = true
          queueMicrotask(onCrash)
        }
        // Nothing more reaches the systems: the connections of a process that died are gone.
        return Promise.reject(new TypeError("fetch failed: the process is gone"))
      }
      return fetch(input, init)
    }
  const doceboFetch = trackInFlight(through(fetchFromApp(docebo.app)))
  const toFetch = trackInFlight(through(fetchFromApp(to.app)))
  const idle = () => doceboFetch.idle() && toFetch.idle()
  const layer = () =>
    appLayer(join(folder, "iltsync.db"), { env, fetch: { docebo: doceboFetch.fetch, to: toFetch.fetch } })

  /** One reconcile in a fresh "process" (new layers, same store and simulators). */
  const run = async (
    options: Partial<ReconcileOptions> = {},
    crash?: { readonly atCall: number },
  ): Promise<RunResult> => {
    crashed = false
    crashAt = crash === undefined ? undefined : apiCalls + crash.atCall
    const program = Effect.gen(function* () {
      const report = yield* reconcile({ runId: `run-${Date.now()}-${apiCalls}`, auditCourses: 0, ...options })
      const counts = yield* Effect.flatMap(CallAccounting, (calls) => calls.counts)
      return { report, counts }
    })
    const fiber = Effect.runFork(
      inVirtualTime(Effect.scoped(Effect.provide(program, Layer.fresh(layer()))), clock, idle),
    )
    onCrash = () => void Effect.runFork(Fiber.interrupt(fiber))
    const exit = await Effect.runPromise(Fiber.await(fiber))
    crashAt = undefined
    if (Exit.isFailure(exit)) {
      if (crashed)
        return {
          report: undefined,
          calls: { docebo: { reads: 0, writes: 0 }, to: { reads: 0, writes: 0 } },
          crashed: true,
        }
      throw new Error(`the run failed: ${String(exit.cause)}`)
    }
    const { report, counts } = exit.value
    // Token calls change nothing: they count with the reads.
    const isRead = (c: { method: string; template: string }) => c.method === "GET" || c.template.endsWith("/token")
    const tally = (system: string, read: boolean) =>
      counts.filter((c) => c.system === system && isRead(c) === read).reduce((n, c) => n + c.count, 0)
    return {
      report,
      calls: {
        docebo: { reads: tally("docebo", true), writes: tally("docebo", false) },
        to: { reads: tally("to", true), writes: tally("to", false) },
      },
      crashed: false,
    }
  }

  /** Runs a program against iltsync's store alone (an operator's change, a look at statuses or the event log). */
  const withStore = <A, E>(program: Effect.Effect<A, E, Store>): Promise<A> =>
    Effect.runPromise(
      Effect.scoped(Effect.provide(program, storeLayer(join(folder, "iltsync.db")))) as Effect.Effect<A, E, never>,
    )

  /**
   * What an operator of a tenant without Docebo's webinar-accounts endpoint does: import the accounts exported from
   * Docebo's own pages (harness/Simulators.ts). Nothing to do for a tenant that has the endpoint.
   */
  const importWebinarAccountsIfNeeded = () =>
    withStore(importSimulatorWebinarAccounts(docebo.state, new Date(clock.unsafeCurrentTimeMillis()).toISOString()))

  /**
   * A program against the service's webhook inbox, in a fresh "process" over the same store and simulators: the
   * inbox, runner, systems and budgets as the service builds them, on virtual time. Nothing works in the background:
   * the program decides when the worker processes what is pending. `eachRun` wraps every run the runner makes (the
   * races count them and take the world's run lock).
   */
  const withInbox = <A, E>(
    program: Effect.Effect<A, E, Inbox>,
    eachRun: (priority: RequestPriority) => <X, Y, Z>(run: Effect.Effect<X, Y, Z>) => Effect.Effect<X, Y, Z> = () =>
      identity,
  ): Promise<A> => {
    const base = Layer.mergeAll(DoceboBudgetLive(), ToBudgetLive(), CallAccountingLive).pipe(
      Layer.provideMerge(storeLayer(join(folder, "iltsync.db"))),
    )
    const systems = SystemsLive(env, { docebo: doceboFetch.fetch, to: toFetch.fetch })
    const runner = RunnerLive.pipe(Layer.provideMerge(systems), Layer.provideMerge(base))
    const wrapped = Layer.effect(
      Runner,
      Effect.map(Runner, (live) => ({
        ...live,
        run: <B, E>(request: SyncRequest<E>, whenDone?: (outcome: SyncOutcome) => Effect.Effect<B>) =>
          eachRun(request.priority)(live.run(request, whenDone)),
      })),
    )
    const inbox = InboxLive(simulatorClock, () => undefined).pipe(Layer.provide(wrapped), Layer.provideMerge(runner))
    return Effect.runPromise(inVirtualTime(Effect.scoped(Effect.provide(program, Layer.fresh(inbox))), clock, idle))
  }

  /** A JSON call to a simulator: the control surface, or the API itself with a token. */
  const call = async (app: typeof docebo.app | typeof to.app, path: string, method: string, body?: object) => {
    const response = await app.request(path, {
      method,
      headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> } }
  }
  let bearer: string | undefined
  /** When the admin's token lapses, on the clock the simulators read. */
  let bearerExpiresAt = 0
  /**
   * Docebo's API as an admin uses it (creating or editing a course). The admin signs in again once the token has
   * lapsed: a history can outlast a token's hour (iltsync waits out Docebo's hourly call budget on virtual time).
   */
  const doceboApi = async (path: string, method: string, body?: object) => {
    if (bearer === undefined || clock.unsafeCurrentTimeMillis() >= bearerExpiresAt) {
      // The sign-in carries no token, least of all the lapsed one.
      bearer = undefined
      const token = await call(docebo.app, "/oauth2/token", "POST", {
        grant_type: "client_credentials",
        client_id: env.DOCEBO_CLIENT_ID,
        client_secret: env.DOCEBO_CLIENT_SECRET,
      })
      const granted = token.body as { access_token?: string; expires_in?: number }
      bearer = String(granted.access_token)
      bearerExpiresAt = clock.unsafeCurrentTimeMillis() + (granted.expires_in ?? 0) * 1000
    }
    return call(docebo.app, path, method, body)
  }
  /** What a TO planner does in TO's own UI. */
  const toAct = (body: object) => call(to.app, "/__sim/act", "POST", body)
  /** What a Docebo admin does in Docebo's own UI. */
  const doceboAct = (body: object) => call(docebo.app, "/__sim/act", "POST", body)

  return {
    docebo,
    to,
    clock,
    run,
    withStore,
    importWebinarAccountsIfNeeded,
    withInbox,
    doceboApi,
    toAct,
    doceboAct,
    calls: () => apiCalls,
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  }
}
