/**
 * Running a sync from the outside: the layers built from the store's saved credentials (or the environment), the
 * plan document with the digests of its inputs, and the staleness check of a saved plan.
 */
import { createHash, randomUUID } from "node:crypto"
import { Effect, Layer, Schema } from "effect"
import { RequestLedgersInMemory } from "../adapters/http/Window.ts"
import type { StoredCredentials } from "../adapters/store/Credentials.ts"
import { Store } from "../adapters/store/Store.ts"
import type { DoceboSnapshot } from "../engine/model/Docebo.ts"
import type { StoreSnapshot } from "../engine/model/Store.ts"
import type { ToSnapshot } from "../engine/model/Training.ts"
import { makePlanDocument, type PlanBody, type PlanDocument, type PlanInputs } from "../engine/Plan.ts"
import { type SystemsFetch, storeLayer, systemsLayer } from "./App.ts"
import { connectionsFrom } from "./Config.ts"
import { withImportedWebinarAccounts } from "./ImportedWebinarAccounts.ts"

/** A setting needed to reach a system is missing; only the names are given, never a value. */
export class SettingsMissing extends Schema.TaggedError<SettingsMissing>()("SettingsMissing", {
  names: Schema.Array(Schema.String),
}) {}

/** A saved plan no longer matches what the systems or the store hold. */
export class PlanStale extends Schema.TaggedError<PlanStale>()("PlanStale", {
  changed: Schema.Array(Schema.String),
}) {}

export interface AppOptions {
  readonly fetch?: SystemsFetch
  readonly env?: NodeJS.ProcessEnv
  readonly doceboLimitPerHour?: number
}

/** Both systems, connected with `stored` credentials or, for a system without, the environment's settings. */
const systemsFrom = (stored: StoredCredentials, options: AppOptions) => {
  const found = connectionsFrom(stored, options.env ?? process.env)
  if ("missing" in found) return Effect.fail(new SettingsMissing({ names: found.missing }))
  return Effect.succeed(
    systemsLayer({
      connections: found.connections,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.doceboLimitPerHour === undefined ? {} : { doceboLimitPerHour: options.doceboLimitPerHour }),
    }),
  )
}

/** Both systems, connected with the saved credentials or, when none are saved, the environment. */
export const systemsFromSettings = (options: AppOptions = {}) =>
  Layer.unwrapEffect(
    Effect.flatMap(Store, (store) => store.loadCredentials()).pipe(
      Effect.flatMap((stored) => systemsFrom(stored, options)),
      // With a store, a tenant without Docebo's webinar-accounts endpoint has the operator's import instead.
      Effect.map(withImportedWebinarAccounts),
    ),
  )

/**
 * Both systems, connected with the environment's settings alone (there is no store to hold saved ones, nor the calls
 * sent: the budget counts this process's own).
 */
export const systemsFromEnvironment = (options: AppOptions = {}) =>
  Layer.unwrapEffect(systemsFrom({ docebo: null, to: null }, options)).pipe(Layer.provide(RequestLedgersInMemory))

/** Everything a sync needs: the store (with the engine's ports over it) and both systems. */
export const appLayer = (databasePath: string, options: AppOptions = {}) =>
  systemsFromSettings(options).pipe(Layer.provideMerge(storeLayer(databasePath)))

/** JSON with object keys sorted: the same record gives the same text whichever module built it. */
const stableJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/** A digest of a snapshot that depends neither on the order records were listed in nor on the order of their keys. */
const digest = (snapshot: object): string => {
  const hash = createHash("sha256")
  for (const key of Object.keys(snapshot).sort()) {
    const value = (snapshot as Record<string, unknown>)[key]
    hash.update(`${key}\u0000`)
    if (Array.isArray(value)) {
      const keyed = value.map((item) => `${String((item as { id?: unknown }).id ?? "")}\u0000${stableJson(item)}`)
      keyed.sort()
      for (const line of keyed) hash.update(`${line}\n`)
    } else hash.update(`${stableJson(value)}\n`)
  }
  return hash.digest("hex")
}

export const planInputs = (docebo: DoceboSnapshot, to: ToSnapshot, store: StoreSnapshot): PlanInputs => ({
  docebo: digest(docebo),
  to: digest(to),
  store: digest({ ...store.links, trainers: store.trainers, providerRequests: store.providerRequests }),
})

export const planDocument = (planned: PlanBody, inputs: PlanInputs): PlanDocument =>
  makePlanDocument(planned, { id: randomUUID(), createdAt: new Date().toISOString(), inputs })

/** What changed since a plan was saved, in words; empty when it still holds. */
export const staleParts = (saved: PlanInputs, now: PlanInputs): ReadonlyArray<string> => [
  ...(saved.docebo === now.docebo ? [] : ["Docebo"]),
  ...(saved.to === now.to ? [] : ["Training Orchestra"]),
  ...(saved.store === now.store ? [] : ["iltsync's store (links or operator changes)"]),
]
