/**
 * The service in-process against both simulators seeded from a tenant, on a store in a temporary folder. Requests go
 * through `app.request`, the adapters reach the simulators through theirs, and the simulators' webhooks come back to
 * the service the same way. The service's tests and the named scenarios' service world both run on it.
 */
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Fetch, fetchFromApp, type InProcessApp } from "../../adapters/http/Fetch.ts"
import { type DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import type { SimulatorSeeds } from "../../tenants/SimulatorSeeds.ts"
import { makeService, type Service, type ServiceOptions } from "./Service.ts"

/** Where the service answers; the simulators send their webhooks to its paths. */
export const serviceUrl = "http://iltsync.test"

export interface InProcessServiceOptions {
  readonly seeds: SimulatorSeeds
  readonly env: NodeJS.ProcessEnv
  /**
   * What the Docebo simulator withholds (simulators/docebo/Profile.ts): `strict` unless given, the conservative
   * reading of the evidence, so that every suite shows iltsync copes without what Docebo does not promise.
   */
  readonly doceboProfile?: DoceboProfile
  /** How the adapters reach a simulator: its `app.request`, unless a test records or holds the calls on the way. */
  readonly fetchOf?: (system: "docebo" | "to", app: InProcessApp) => Fetch
  /** The service's options beyond these (its clock, a reconcile interval, …). */
  readonly service?: Partial<ServiceOptions>
}

export const startInProcessService = async (options: InProcessServiceOptions) => {
  let service: Service | null = null
  // Webhooks come back through the service's own app, once it exists.
  const webhookFetch = async (url: string, init: RequestInit) => {
    if (service === null) throw new Error("the service is not started")
    return service.app.request(url, init)
  }
  const docebo = makeDoceboSimulator({
    seed: options.seeds.docebo,
    webhookFetch,
    profile: options.doceboProfile ?? "strict",
  })
  const to = makeToSimulator({ seed: options.seeds.to, webhookFetch })
  const fetchOf = options.fetchOf ?? ((_system, app) => fetchFromApp(app))
  const folder = await mkdtemp(join(tmpdir(), "iltsync-service-"))
  const logs: string[] = []
  const started = await makeService({
    databasePath: join(folder, "iltsync.db"),
    env: options.env,
    fetch: { docebo: fetchOf("docebo", docebo.app), to: fetchOf("to", to.app) },
    reconcileInterval: null,
    // The simulators run without rate limits; the adapters' own budgets would only slow the runs down.
    budgets: { docebo: { limitPerHour: 1_000_000 }, to: { perSecond: 100_000, burst: 100_000 } },
    log: (line) => logs.push(line),
    ...options.service,
  })
  service = started
  const close = async () => {
    await started.shutdown({ grace: "5 seconds" })
    await rm(folder, { recursive: true, force: true })
  }
  return { service: started, docebo, to, logs, close }
}

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: <T = Record<string, unknown>>() => T
}

export interface CallOptions {
  readonly body?: unknown
  /** The operator's bearer token; null: no Authorization header. */
  readonly token: string | null
  readonly headers?: Record<string, string>
}

/** A call to the service's API as an operator's client makes it: JSON in (a text body is sent as it is), JSON out. */
export const callService = async (
  service: { readonly app: Pick<Service["app"], "request"> },
  method: string,
  path: string,
  options: CallOptions,
): Promise<Answer> => {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== null) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers["content-type"] = "application/json"
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body)
  const response = await service.app.request(`${serviceUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T }
}
