/**
 * Training providers: mastered in TO, so the list is TO's (as last read) plus the creations iltsync has not carried
 * out yet. Creating one and (de)activating one are requests to TO, carried out at once by a sync limited to
 * providers: 201 or 200 once TO has it, 202 with the reason when it is still to be done. No deletion: 405.
 */
import { Effect, Either, Schema } from "effect"
import { Hono } from "hono"
import { Store } from "../../../adapters/store/Store.ts"
import type { ProviderRequest } from "../../../engine/model/Store.ts"
import type { ToTrainingProvider } from "../../../engine/model/Training.ts"
import { naturalKey } from "../../../engine/Normalise.ts"
import type { ServiceEnv } from "../Auth.ts"
import { decodeBody, decodeParam, Text, VendorId } from "../Body.ts"
import { isoNow } from "../Clock.ts"
import { callerOf, logAction, type RouteDeps, type ServiceContext } from "../Http.ts"
import { mirroredProviders } from "../Mirrored.ts"
import { notFound, Problem, problemOf } from "../Problem.ts"
import { Runner, type SyncError, type SyncOutcome } from "../Runner.ts"
import { Systems } from "../Systems.ts"

export interface ProviderView {
  readonly id: string
  readonly name: string
  readonly active: boolean
  readonly siteId: string | null
  /** A creation or (de)activation asked in iltsync that TO does not show yet. */
  readonly pending: boolean
}

const viewOf = (provider: ToTrainingProvider, requests: ReadonlyArray<ProviderRequest>): ProviderView => ({
  id: provider.id,
  name: provider.name,
  active: provider.active,
  siteId: provider.siteId,
  pending: requests.some(
    (request) =>
      request.kind === "setActive" && request.providerId === provider.id && request.active !== provider.active,
  ),
})

const requestedView = (request: ProviderRequest & { readonly kind: "create" }): ProviderView => ({
  id: request.id,
  name: request.name,
  active: true,
  siteId: null,
  pending: true,
})

export const providerViews = Effect.gen(function* () {
  const store = yield* Store
  const providers = yield* mirroredProviders()
  const requests = yield* store.loadProviderRequests()
  const created = requests.flatMap((request) => (request.kind === "create" ? [requestedView(request)] : []))
  return [...providers.map((provider) => viewOf(provider, requests)), ...created].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  )
})

/** Runs the sync of providers for an operator's request; its failure is the reason the request is still pending. */
const syncProviders = (c: ServiceContext) =>
  Effect.flatMap(Runner, (runner) =>
    runner.run({
      scope: { kind: "entities", entities: ["trainingProvider"] },
      trigger: "operator",
      ...callerOf(c),
      priority: "interactive",
    }),
  ).pipe(Effect.either)

/** Why a request is not carried out yet: the run's failure, or the reason of its op. */
const reasonOf = (run: Either.Either<SyncOutcome, SyncError>, key: string): string => {
  if (Either.isLeft(run)) return problemOf(run.left).detail
  const op = run.right.report.planned.ops.find((candidate) => candidate.key === key)
  return op === undefined ? "Training Orchestra does not show it yet" : op.reason
}

const CreateBody = Schema.Struct({ name: Text })
const PatchBody = Schema.Struct({ active: Schema.Boolean })

/** Asks TO for a new provider and carries it out at once: 201 once TO has it, 202 with the reason otherwise. */
export const createProvider = (c: ServiceContext, deps: RouteDeps, name: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    yield* Effect.flatMap(Systems, (systems) => systems.connections)
    const request = yield* store.addProviderRequest({ kind: "create", name }, isoNow(deps.clock))
    yield* logAction(c, deps.clock, {
      action: "training-provider.create",
      details: { name, request: request.id },
    })
    const run = yield* syncProviders(c)
    const open = yield* store.loadProviderRequests()
    const providers = yield* mirroredProviders()
    const created = providers.find((provider) => naturalKey(provider.name) === naturalKey(name))
    if (!open.some((candidate) => candidate.id === request.id) && created !== undefined) {
      return { status: 201 as const, body: viewOf(created, open) }
    }
    const reason = reasonOf(run, `request:${request.id}`)
    return { status: 202 as const, body: { ...requestedView({ ...request, kind: "create", name }), reason } }
  })

/** Deactivates or reactivates a provider on both systems: 200 once TO shows it, 202 with the reason otherwise. */
export const setProviderActive = (c: ServiceContext, deps: RouteDeps, id: string, active: boolean) =>
  Effect.gen(function* () {
    const store = yield* Store
    const known = (yield* mirroredProviders()).find((provider) => provider.id === id)
    if (known === undefined) {
      const requested = (yield* store.loadProviderRequests()).some((request) => request.id === id)
      if (requested)
        return yield* Effect.die(new Problem(409, `training provider ${id} is not created in Training Orchestra yet`))
      return yield* Effect.die(notFound(`no training provider ${id}`))
    }
    yield* Effect.flatMap(Systems, (systems) => systems.connections)
    yield* store.addProviderRequest({ kind: "setActive", providerId: known.id, active }, isoNow(deps.clock))
    yield* logAction(c, deps.clock, {
      action: active ? "training-provider.activate" : "training-provider.deactivate",
      details: { provider: known.id, name: known.name },
    })
    const run = yield* syncProviders(c)
    const after = (yield* mirroredProviders()).find((provider) => provider.id === id) ?? known
    // TO already had the state asked for (no op was needed): the request is settled, or it would later
    // override a change made in TO, which is the master.
    if (after.active === active) yield* store.dropActivationRequests(id)
    const open = yield* store.loadProviderRequests()
    if (after.active === active) return { status: 200 as const, body: viewOf(after, open) }
    return { status: 202 as const, body: { ...viewOf(after, open), reason: reasonOf(run, id) } }
  })

export const providerRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>()
    .get("/", async (c) => c.json(await deps.run(providerViews)))
    .post("/", async (c) => {
      const { name } = await decodeBody(c, CreateBody)
      const answer = await deps.run(createProvider(c, deps, name))
      return c.json(answer.body, answer.status)
    })
    .patch("/:id", async (c) => {
      const id = decodeParam(c, "id", VendorId)
      const { active } = await decodeBody(c, PatchBody)
      const answer = await deps.run(setProviderActive(c, deps, id, active))
      return c.json(answer.body, answer.status)
    })
