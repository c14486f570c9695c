/**
 * Both simulators and iltsync in one process on one virtual clock, for the call and convergence benchmarks. It is
 * `scenarios/e2e/InProcess.ts` with two differences that a 22,000-call tenant needs: simulators, request budgets and
 * the engine all read the same `VirtualClock` (so hours of Docebo's 1,000 calls an hour pass in seconds), and the
 * adapters live as long as the world, as in the service (one token per system, one budget shared by every run).
 * Runs go through the service's own runner: its run lock, its priorities, the options it gives each scope; Docebo's
 * webhooks, when a measure asks for them, through the service's own inbox.
 */
import { randomUUID } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { type DoceboBudget, DoceboBudgetLive } from "../../adapters/docebo/Budget.ts"
import { CallAccounting, CallAccountingLive } from "../../adapters/http/Calls.ts"
import { type Fetch, fetchFromApp } from "../../adapters/http/Fetch.ts"
import { inVirtualTime, VirtualClock } from "../../adapters/http/testing/VirtualClock.ts"
import { RequestLedgersLive } from "../../adapters/store/RequestLedgersLive.ts"
import { Store, type StoreService } from "../../adapters/store/Store.ts"
import { StoreLive } from "../../adapters/store/StoreLive.ts"
import { EngineStoreLive } from "../../adapters/store/SyncStoreLive.ts"
import { type ToBudget, ToBudgetLive } from "../../adapters/training-orchestra/Budget.ts"
import { RequestPriority } from "../../engine/Ports.ts"
import { type ReconcileOptions, reconcile } from "../../engine/Reconcile.ts"
import { type DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import type { SimulatorSeeds } from "../../tenants/SimulatorSeeds.ts"
import type { storeLayer } from "../App.ts"
import { doceboAdminCall, importSimulatorWebinarAccounts, simulatorControl, simulatorEnv } from "../Simulators.ts"
import { Inbox, InboxLive } from "../service/Inbox.ts"
import { Runner, RunnerLive, type SyncScope } from "../service/Runner.ts"
import { Systems, SystemsLive } from "../service/Systems.ts"
import type { TenantState } from "./Bounds.ts"

const env = simulatorEnv({ docebo: "http://docebo.test", to: "http://to.test" })

/** A Monday morning, so that virtual hours read naturally in logs. */
export const worldStart = Date.UTC(2027, 0, 4, 8, 0, 0)

export interface WorldOptions {
  readonly seeds: SimulatorSeeds
  /** `real`: both simulators enforce the vendors' limits and the budgets are iltsync's defaults; `off`: neither. */
  readonly limits: "real" | "off"
  /**
   * What the Docebo simulator withholds (simulators/docebo/Profile.ts): `strict` unless given, the conservative
   * reading of Docebo's API that the test suites run against, so that the figures are those of a tenant without what
   * Docebo does not promise. Its webinar accounts are then imported as its operator would (`makeWorld`).
   */
  readonly doceboProfile?: DoceboProfile
  /** Settings of iltsync's own beyond the simulators' addresses (`ILTSYNC_SYNC_HORIZON_DAYS=off`, say). */
  readonly settings?: Readonly<Record<string, string>>
}

export type { SyncScope }

/** The sync horizon of a run at the world's start, as the default setting (7 days) puts it. */
export const worldHorizonMs = worldStart - 7 * 86_400_000

/** How each Docebo profile's tenant is read, for the inputs of the parts that measure one. */
export const doceboProfileInput = (profile: DoceboProfile): string =>
  profile === "strict"
    ? "The Docebo simulator runs its strict profile (simulators/docebo/Profile.ts), the test suites' reading of Docebo's API: no webinar-accounts or domain endpoint (each answers 404 in one call; before the first sync the operator imported the accounts from CSV, as `webinar-accounts --import` does, and confirmed the main domain with ILTSYNC_DOCEBO_MAIN_DOMAIN), no Retry-After on 429s, webhooks grouped (`payloads`), users without an instructor flag (iltsync's default instructor mark, `none`, reads none)."
    : "The Docebo simulator runs its default profile (simulators/docebo/Profile.ts): every optional endpoint, Retry-After on 429s, one webhook delivery per event."

type Services =
  | Inbox
  | Runner
  | Systems
  | Layer.Layer.Success<ReturnType<typeof storeLayer>>
  | CallAccounting
  | DoceboBudget
  | ToBudget

/**
 * TO records as a live tenant holds them: each last changed at its own instant, a second apart, in the month before
 * the benchmark. Seeded without stamps, the simulator gives every record the same one; since `updated_since` is
 * inclusive, every incremental read would then return the whole tenant again, which no real tenant shows.
 */
export const withHistory = (seeds: SimulatorSeeds): SimulatorSeeds => {
  let at = worldStart - 30 * 86_400_000
  const stamp = <R extends object>(records: ReadonlyArray<R> | undefined) =>
    (records ?? []).map((record) => {
      at += 1000
      const instant = new Date(at).toISOString()
      return { ...record, created_at: instant, updated_at: instant }
    })
  const to = seeds.to
  return {
    docebo: seeds.docebo,
    to: {
      courses: stamp(to.courses),
      training_providers: stamp(to.training_providers),
      sites: stamp(to.sites),
      trainers: stamp(to.trainers),
      locations: stamp(to.locations),
      rooms: stamp(to.rooms),
      sessions: stamp(to.sessions),
    },
  }
}

/** `storeLayer` (harness/App.ts) with every operation of the store that answers an Effect run through `track`. */
const trackedStoreLayer = (path: string, track: <A, E, R>(work: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>) => {
  const tracked = (store: StoreService): StoreService =>
    Object.fromEntries(
      Object.entries(store as Record<string, (...args: ReadonlyArray<unknown>) => unknown>).map(([name, operation]) => [
        name,
        (...args: ReadonlyArray<unknown>) => {
          const answer = operation(...args)
          return Effect.isEffect(answer) ? track(answer) : answer
        },
      ]),
    ) as unknown as StoreService
  const store = Layer.map(StoreLive(path), (context) => Context.make(Store, tracked(Context.get(context, Store))))
  return Layer.merge(EngineStoreLive, RequestLedgersLive).pipe(Layer.provideMerge(store))
}

export const makeWorld = async (options: WorldOptions) => {
  const clock = new VirtualClock(worldStart)
  const simClock = { now: () => clock.unsafeCurrentTimeMillis() }
  const real = options.limits === "real"
  const doceboProfile = options.doceboProfile ?? "strict"
  const seeds = withHistory(options.seeds)
  // Docebo's webhooks, once a run subscribes to them, are kept here to be handed to the service's inbox.
  const doceboWebhooks: unknown[] = []
  const docebo = makeDoceboSimulator({
    seed: seeds.docebo,
    clock: simClock,
    profile: doceboProfile,
    ...(real ? { rateLimit: { perHour: 1000 } } : {}),
    webhookFetch: async (_url, init) => {
      doceboWebhooks.push(JSON.parse(String(init.body)))
      return new Response("{}", { status: 200 })
    },
  })
  const to = makeToSimulator({
    seed: seeds.to,
    clock: simClock,
    ...(real ? { rateLimit: { perSecond: 10, burst: 20 } } : {}),
  })

  // Virtual time may only move while no simulator is answering.
  let inFlight = 0
  const tracked =
    (fetch: Fetch): Fetch =>
    async (input, init) => {
      inFlight += 1
      try {
        return await fetch(input, init)
      } finally {
        inFlight -= 1
      }
    }
  const idle = () => inFlight === 0
  // Nor while iltsync's store is at work: a run decoding its known state yields to the event loop between listings
  // (adapters/store/KnownCache.ts), and time moved on meanwhile would charge the run an hour of Docebo's budget that
  // it never waited for.
  const storeWork = <A, E, R>(work: Effect.Effect<A, E, R>) =>
    Effect.acquireUseRelease(
      Effect.sync(() => {
        inFlight += 1
      }),
      () => work,
      () =>
        Effect.sync(() => {
          inFlight -= 1
        }),
    )

  const folder = mkdtempSync(join(tmpdir(), "iltsync-bench-"))
  const fetch = { docebo: tracked(fetchFromApp(docebo.app)), to: tracked(fetchFromApp(to.app)) }
  // The service's own pieces: its runner (run lock, priorities, scopes), its systems and budgets, over a store.
  const base = Layer.mergeAll(
    // Without limits the budget must not slow anything either; TO's budget only costs virtual time.
    DoceboBudgetLive(real ? {} : { limitPerHour: 1e12 }),
    ToBudgetLive(),
    CallAccountingLive,
  ).pipe(Layer.provideMerge(trackedStoreLayer(join(folder, "iltsync.db"), storeWork)))
  const runner = RunnerLive.pipe(
    // The benchmarks run on their own clock: the horizon is the default, 7 days before it.
    Layer.provideMerge(SystemsLive({ ...env, ILTSYNC_SYNC_HORIZON_DAYS: "7", ...options.settings }, fetch)),
    Layer.provideMerge(base),
  )
  const layer = InboxLive({ now: () => clock.unsafeCurrentTimeMillis() }, () => undefined).pipe(
    Layer.provideMerge(runner),
  )
  const scope = Effect.runSync(Scope.make())
  const context: Context.Context<Services> = await Effect.runPromise(
    Layer.buildWithScope(layer, scope).pipe(Effect.withClock(clock)),
  )

  /** Runs `effect` with the world's services on its virtual clock, moving time whenever everything waits. */
  const run = <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> =>
    Effect.runPromise(inVirtualTime(Effect.provide(effect, context), clock, idle))

  // Before the first sync, as the operator of a tenant without Docebo's webinar-accounts endpoint does: counted by no
  // call log (the accounts are exported from Docebo's own pages).
  await run(importSimulatorWebinarAccounts(docebo.state, new Date(worldStart).toISOString()))

  /**
   * One sync as the service makes it: `Runner.run`, which waits for the run lock and calls the systems at the given
   * priority with the options the runner derives from the scope. `options`, when given, are the reconcile options
   * instead (a variant the runner does not make), under the same lock and priority.
   */
  const sync = (syncScope: SyncScope, priority: RequestPriority, options?: Partial<ReconcileOptions>) =>
    Effect.gen(function* () {
      const runner = yield* Runner
      if (options === undefined) {
        const trigger = syncScope.kind === "full" ? "operator" : "webhook"
        const outcome = yield* runner.run({ scope: syncScope, trigger, actor: "bench", priority })
        return outcome.report
      }
      const ports = yield* Effect.flatMap(Systems, (systems) => systems.ports)
      return yield* reconcile({ runId: `bench-${randomUUID()}`, ...options }).pipe(
        Effect.provide(ports),
        Effect.locally(RequestPriority, priority),
        runner.lock.withLock(priority),
      )
    })

  /** Both simulators' records now and the Docebo endpoints the tenant has: what the bounds are counted from. */
  const tenantState = (): TenantState => ({
    docebo: docebo.state.snapshot(),
    to: to.state.snapshot(),
    endpoints: docebo.state.config.endpoints,
  })

  /** The adapters' call counts so far. */
  const callCounts = Effect.flatMap(CallAccounting, (calls) => calls.counts)

  /** Something a Docebo admin or a TO planner does in their own UI; counted by no call log. */
  const act = async (system: "docebo" | "to", body: unknown) => {
    inFlight += 1
    try {
      return await simulatorControl(system === "docebo" ? docebo.app : to.app, "/__sim/act", body)
    } finally {
      inFlight -= 1
    }
  }

  /** A call to the Docebo API as its admin makes it in Docebo's UI (it shows in the simulator's call log). */
  const doceboAdmin = async (method: string, path: string, body?: unknown) =>
    (await (await doceboAdminCall(docebo.app, method, path, body)).json()) as { data: Record<string, unknown> }

  /**
   * Docebo's webhooks of whatever `during` makes happen, as Docebo sends them (one event a delivery), collected
   * rather than sent: the deliveries iltsync would receive.
   */
  const doceboWebhooksOf = async (during: () => Promise<unknown>): Promise<ReadonlyArray<unknown>> => {
    doceboWebhooks.length = 0
    docebo.state.subscribe({ url: "http://iltsync.test/webhooks/docebo", secret: null })
    try {
      await during()
      await docebo.state.webhooks.drain()
      return [...doceboWebhooks]
    } finally {
      docebo.state.subscribe(null)
    }
  }

  /** The service's inbox takes Docebo deliveries (stored by message id) and processes them: the runs it made. */
  const deliverToInbox = (bodies: ReadonlyArray<unknown>) =>
    Effect.gen(function* () {
      const inbox = yield* Inbox
      for (const body of bodies) {
        const messageId = (body as { readonly message_id: string }).message_id
        yield* inbox.receive("docebo", messageId, body)
      }
      return yield* inbox.processPending
    })

  const dispose = async () => {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    rmSync(folder, { recursive: true, force: true })
  }

  return {
    clock,
    docebo,
    doceboProfile,
    to,
    tenantState,
    run,
    sync,
    callCounts,
    act,
    doceboAdmin,
    doceboWebhooksOf,
    deliverToInbox,
    dispose,
  }
}

export type World = Awaited<ReturnType<typeof makeWorld>>
