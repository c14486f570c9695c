/**
 * The service world of a named scenario: iltsync's HTTP service in-process (operator API, background jobs, webhook
 * inbox) against both simulators seeded with a tenant. Requests go through `app.request`; the simulators' webhooks
 * come back to the service the same way, signed with the shared secret.
 */
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fetchFromApp } from "../../adapters/http/Fetch.ts"
import { makeService, type Service } from "../../harness/service/Service.ts"
import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"

const serviceUrl = "http://iltsync.test"
const operatorToken = "tok-operator-scenarios"
const webhookSecret = "whsec-scenarios"

export const serviceEnv = (): NodeJS.ProcessEnv => ({
  DOCEBO_URL: "https://acme.docebosaas.com",
  DOCEBO_CLIENT_ID: DOCEBO_TEST_CREDENTIALS.clientId,
  DOCEBO_CLIENT_SECRET: DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_USERNAME: DOCEBO_TEST_CREDENTIALS.username,
  DOCEBO_PASSWORD: DOCEBO_TEST_CREDENTIALS.password,
  TO_URL: "https://acme.trainingorchestra.example",
  TO_CLIENT_ID: TO_TEST_CREDENTIALS.clientId,
  TO_CLIENT_SECRET: TO_TEST_CREDENTIALS.clientSecret,
  TO_PLATFORM_URL: "https://acme.trainingorchestra.example/platform",
  ILTSYNC_API_TOKEN: `operator:${operatorToken}`,
  ILTSYNC_WEBHOOK_SECRET: webhookSecret,
  ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
})

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: <T = Record<string, unknown>>() => T
}

type Simulator = ReturnType<typeof makeDoceboSimulator> | ReturnType<typeof makeToSimulator>

export interface ServiceWorld {
  readonly service: Service
  readonly docebo: ReturnType<typeof makeDoceboSimulator>
  readonly to: ReturnType<typeof makeToSimulator>
  /** The operator's call to the service's API. */
  readonly call: (method: string, path: string, body?: unknown) => Promise<Answer>
  /** A JSON call to a simulator's control surface (`/__sim/...`). */
  readonly control: (sim: Simulator, path: string, body: unknown) => Promise<Record<string, unknown>>
  /** Docebo's API as its admin calls it. */
  readonly doceboApi: (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>
  /** Polls a background job until it ends; its last answer. */
  readonly finished: (jobId: string) => Promise<Record<string, unknown>>
  /** Waits until every webhook is delivered and every run it started is over. */
  readonly settled: () => Promise<void>
  readonly memo: Map<string, unknown>
  readonly close: () => Promise<void>
}

const jsonRequest = (method: string, headers: Record<string, string>, body?: unknown): RequestInit => ({
  method,
  headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
  ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
})

const answerOf = async (response: Response): Promise<Answer> => {
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T }
}

/** Polls `check` every 20 ms until it gives a value; a scenario that waits longer than `ms` has failed. */
export const eventually = async <T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export const openServiceWorld = async (tenant: string): Promise<ServiceWorld> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  let service: Service | null = null
  const webhookFetch = async (url: string, init: RequestInit) => {
    if (service === null) throw new Error("the service is not started")
    return service.app.request(url, init)
  }
  const docebo = makeDoceboSimulator({ seed: seeds.docebo, webhookFetch })
  const to = makeToSimulator({ seed: seeds.to, webhookFetch })
  const folder = await mkdtemp(join(tmpdir(), "iltsync-scenario-"))
  const logs: string[] = []
  const started = await makeService({
    databasePath: join(folder, "iltsync.db"),
    env: serviceEnv(),
    fetch: { docebo: fetchFromApp(docebo.app), to: fetchFromApp(to.app) },
    reconcileInterval: null,
    budgets: { docebo: { limitPerHour: 1_000_000 }, to: { perSecond: 100_000, burst: 100_000 } },
    log: (line) => logs.push(line),
  })
  service = started
  docebo.state.subscribe({ url: `${serviceUrl}/webhooks/docebo`, secret: webhookSecret })
  to.state.subscribe({ url: `${serviceUrl}/webhooks/training-orchestra`, secret: webhookSecret })

  const call = async (method: string, path: string, body?: unknown) =>
    answerOf(
      await started.app.request(
        `${serviceUrl}${path}`,
        jsonRequest(method, { authorization: `Bearer ${operatorToken}` }, body),
      ),
    )
  const control = async (sim: Simulator, path: string, body: unknown) => {
    const answer = await answerOf(await sim.app.request(path, jsonRequest("POST", {}, body)))
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.text}`)
    return answer.json<{ data?: Record<string, unknown> }>().data ?? answer.json<Record<string, unknown>>()
  }
  const doceboApi = async (method: string, path: string, body?: unknown) => {
    const token = await docebo.app.request("/oauth2/token", {
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
    const answer = await answerOf(
      await docebo.app.request(path, jsonRequest(method, { authorization: `Bearer ${access_token}` }, body)),
    )
    if (answer.status !== 200) throw new Error(`Docebo ${method} ${path} answered ${answer.status}: ${answer.text}`)
    return answer.json<{ data: Record<string, unknown> }>().data
  }
  const finished = (jobId: string) =>
    eventually(`job ${jobId} ending`, async () => {
      const job = (await call("GET", `/jobs/${jobId}`)).json()
      return job.status === "succeeded" || job.status === "failed" ? job : undefined
    })
  const queueDepth = async () =>
    Number(/^iltsync_webhook_queue_depth (\d+)$/m.exec((await call("GET", "/metrics")).text)?.[1] ?? "NaN")
  const settled = async () => {
    await docebo.state.webhooks.drain()
    await to.state.webhooks.drain()
    await eventually("the webhook inbox emptying", async () => ((await queueDepth()) === 0 ? true : undefined))
  }
  return {
    service: started,
    docebo,
    to,
    call,
    control,
    doceboApi,
    finished,
    settled,
    memo: new Map(),
    close: async () => {
      await started.shutdown({ grace: "5 seconds" })
      await rm(folder, { recursive: true, force: true })
    },
  }
}
