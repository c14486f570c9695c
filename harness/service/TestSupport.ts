/**
 * A service in-process against both simulators seeded with acme, on a temporary SQLite file; requests go through
 * `app.request`, the adapters reach the simulators through their `app.request`, and the simulators' webhooks come
 * back to the service the same way.
 */
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Fetch, fetchFromApp, type InProcessApp } from "../../adapters/http/Fetch.ts"
import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { makeService, type Service, type ServiceOptions } from "./Service.ts"

export const doceboUrl = "https://acme.docebosaas.com"
export const toUrl = "https://acme.trainingorchestra.example"
export const serviceUrl = "http://iltsync.test"
export const webhookSecret = "whsec-9f2c61d0-test"
export const aliceToken = "tok-alice-5b8e0c3a"
export const bobToken = "tok-bob-71d4e2f9"

export const testEnv = (): NodeJS.ProcessEnv => ({
  DOCEBO_URL: doceboUrl,
  DOCEBO_CLIENT_ID: DOCEBO_TEST_CREDENTIALS.clientId,
  DOCEBO_CLIENT_SECRET: DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_USERNAME: DOCEBO_TEST_CREDENTIALS.username,
  DOCEBO_PASSWORD: DOCEBO_TEST_CREDENTIALS.password,
  TO_URL: toUrl,
  TO_CLIENT_ID: TO_TEST_CREDENTIALS.clientId,
  TO_CLIENT_SECRET: TO_TEST_CREDENTIALS.clientSecret,
  TO_PLATFORM_URL: "https://acme.trainingorchestra.example/platform",
  ILTSYNC_API_TOKEN: `alice:${aliceToken},bob:${bobToken}`,
  ILTSYNC_WEBHOOK_SECRET: webhookSecret,
  ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
})

/** Every secret the tests hand out: none may appear in a response or a log line. */
export const secretsOf = (env: NodeJS.ProcessEnv): ReadonlyArray<string> => [
  DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_TEST_CREDENTIALS.password,
  TO_TEST_CREDENTIALS.clientSecret,
  aliceToken,
  bobToken,
  webhookSecret,
  env.ILTSYNC_SECRET_KEY ?? "",
]

export interface Fixture {
  readonly service: Service
  readonly docebo: ReturnType<typeof makeDoceboSimulator>
  readonly to: ReturnType<typeof makeToSimulator>
  readonly env: NodeJS.ProcessEnv
  readonly logs: string[]
  /** Every body the service answered, for the secrets check. */
  readonly answers: string[]
  /** The adapters' calls to both systems in the order they went out, as `docebo PUT /manage/v1/user/1101`. */
  readonly calls: string[]
  readonly call: (method: string, path: string, options?: CallOptions) => Promise<Answer>
  readonly close: () => Promise<void>
}

export interface CallOptions {
  readonly body?: unknown
  /** Null: no Authorization header. */
  readonly token?: string | null
  readonly headers?: Record<string, string>
}

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: <T = Record<string, unknown>>() => T
}

/** Awaited before each call the adapters make; a test holds a call there to do something while it is in flight. */
export type CallGate = (system: "docebo" | "to", method: string, path: string) => Promise<void>

/** Holds the first call matching after `arm()` until `release()`; every other call passes. */
export const makeHold = (matches: (system: "docebo" | "to", method: string, path: string) => boolean) => {
  let armed = false
  let reached = () => {}
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    reached = resolve
  })
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const gate: CallGate = async (system, method, path) => {
    if (!armed || !matches(system, method, path)) return
    armed = false
    reached()
    await released
  }
  return { gate, arm: () => (armed = true), held, release }
}

export const startFixture = async (
  options: Partial<ServiceOptions> = {},
  gate: CallGate = async () => {},
): Promise<Fixture> => {
  const seeds = simulatorSeedsFor("acme")
  if (seeds === undefined) throw new Error("the acme tenant is missing")
  let service: Service | null = null
  // Webhooks come back through the service's own app, once it exists.
  const webhookFetch = async (url: string, init: RequestInit) => {
    if (service === null) throw new Error("the service is not started")
    return service.app.request(url, init)
  }
  const docebo = makeDoceboSimulator({ seed: seeds.docebo, webhookFetch })
  const to = makeToSimulator({ seed: seeds.to, webhookFetch })
  const folder = await mkdtemp(join(tmpdir(), "iltsync-service-"))
  const env = options.env ?? testEnv()
  const logs: string[] = []
  const answers: string[] = []
  const calls: string[] = []
  const recorded =
    (system: "docebo" | "to", app: InProcessApp): Fetch =>
    async (input, init) => {
      const method = init.method ?? "GET"
      const path = new URL(input).pathname
      calls.push(`${system} ${method} ${path}`)
      await gate(system, method, path)
      return fetchFromApp(app)(input, init)
    }
  const started = await makeService({
    databasePath: join(folder, "iltsync.db"),
    env,
    fetch: { docebo: recorded("docebo", docebo.app), to: recorded("to", to.app) },
    reconcileInterval: null,
    // The simulators run without rate limits; the adapters' own budgets would only slow the tests down.
    budgets: { docebo: { limitPerHour: 1_000_000 }, to: { perSecond: 100_000, burst: 100_000 } },
    log: (line) => logs.push(line),
    ...options,
  })
  service = started
  const call = async (method: string, path: string, callOptions: CallOptions = {}): Promise<Answer> => {
    const token = callOptions.token === undefined ? aliceToken : callOptions.token
    const headers: Record<string, string> = { ...callOptions.headers }
    if (token !== null) headers.authorization = `Bearer ${token}`
    if (callOptions.body !== undefined) headers["content-type"] = "application/json"
    const body =
      callOptions.body === undefined
        ? undefined
        : typeof callOptions.body === "string"
          ? callOptions.body
          : JSON.stringify(callOptions.body)
    const response = await started.app.request(`${serviceUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    })
    const text = await response.text()
    answers.push(text, JSON.stringify([...response.headers.entries()]))
    return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T }
  }
  const close = async () => {
    await started.shutdown({ grace: "5 seconds" })
    await rm(folder, { recursive: true, force: true })
  }
  return { service: started, docebo, to, env, logs, answers, calls, call, close }
}

/** Polls until `check` holds (or fails after `ms`). */
export const eventually = async <T>(check: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error("the condition did not hold in time")
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const jsonRequest = (method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})

/** Something a Docebo admin or a TO planner does in their own UI (`POST /__sim/act`), raising its webhook. */
export const simAct = async (sim: { readonly app: Fixture["docebo"]["app"] | Fixture["to"]["app"] }, body: unknown) => {
  const response = await sim.app.request("/__sim/act", jsonRequest("POST", body))
  if (response.status !== 200) throw new Error(`/__sim/act answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { data: Record<string, unknown> }).data
}

/** Points a simulator's webhooks at the service, signed with the shared secret (or another, to forge them). */
export const subscribe = async (
  sim: { readonly app: Fixture["docebo"]["app"] | Fixture["to"]["app"] },
  path: "/webhooks/docebo" | "/webhooks/training-orchestra",
  secret: string | null = webhookSecret,
) => {
  const response = await sim.app.request(
    "/__sim/webhooks",
    jsonRequest("POST", { url: `${serviceUrl}${path}`, secret }),
  )
  if (response.status !== 200) throw new Error(`/__sim/webhooks answered ${response.status}`)
}

/** A call to the Docebo simulator's API as its admin would make it. */
export const doceboApi = async (fixture: Fixture, method: string, path: string, body?: unknown) => {
  const token = await fixture.docebo.app.request("/oauth2/token", {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "password",
      client_id: DOCEBO_TEST_CREDENTIALS.clientId,
      client_secret: DOCEBO_TEST_CREDENTIALS.clientSecret,
      username: DOCEBO_TEST_CREDENTIALS.username,
      password: DOCEBO_TEST_CREDENTIALS.password,
    }),
  })
  const { access_token } = (await token.json()) as { access_token: string }
  const response = await fixture.docebo.app.request(
    path,
    jsonRequest(method, body, { authorization: `Bearer ${access_token}` }),
  )
  return (await response.json()) as { data: Record<string, unknown> }
}

/** Polls a job until it ends; fails the test if it failed. */
export const finishedJob = async (fixture: Fixture, jobId: string) =>
  eventually(async () => {
    const job = (await fixture.call("GET", `/jobs/${jobId}`)).json<{ status: string; error: string | null }>()
    return job.status === "succeeded" || job.status === "failed" ? job : undefined
  })

/** A full sync through the API, to its end. */
export const fullSync = async (fixture: Fixture) => {
  const started = await fixture.call("POST", "/sync", { body: {} })
  if (started.status !== 202) throw new Error(`POST /sync answered ${started.status}: ${started.text}`)
  const job = await finishedJob(fixture, started.json<{ jobId: string }>().jobId)
  if (job.status !== "succeeded") throw new Error(`the full sync failed: ${job.error}`)
  return job
}

/** No secret in any answer or log line of the fixture so far. */
export const leakedSecrets = (fixture: Fixture): ReadonlyArray<string> => {
  const seen = [...fixture.answers, ...fixture.logs].join("\n")
  return secretsOf(fixture.env).filter((secret) => secret !== "" && seen.includes(secret))
}
