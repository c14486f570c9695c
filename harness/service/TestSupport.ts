/**
 * The service's tests: the service in-process against both simulators seeded with acme (InProcess.ts), with the
 * adapters' calls recorded (and held when a test asks), every answer kept for the secrets check, and the calls
 * people make to the service and the simulators.
 */
import { randomBytes } from "node:crypto"
import { type Fetch, fetchFromApp, type InProcessApp } from "../../adapters/http/Fetch.ts"
import { DOCEBO_TEST_CREDENTIALS, type DoceboProfile, type makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { type makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { doceboAdminCall, simulatorControl, simulatorEnv } from "../Simulators.ts"
import { type Answer, type CallOptions, callService, serviceUrl, startInProcessService } from "./InProcess.ts"
import type { Service, ServiceOptions } from "./Service.ts"

export { serviceUrl }

export const doceboUrl = "https://acme.docebosaas.com"
export const toUrl = "https://acme.trainingorchestra.example"
export const webhookSecret = "whsec-9f2c61d0-test"
export const aliceToken = "tok-alice-5b8e0c3a"
export const bobToken = "tok-bob-71d4e2f9"

export const testEnv = (): NodeJS.ProcessEnv =>
  simulatorEnv(
    { docebo: doceboUrl, to: toUrl },
    {
      TO_PLATFORM_URL: "https://acme.trainingorchestra.example/platform",
      ILTSYNC_API_TOKEN: `alice:${aliceToken},bob:${bobToken}`,
      ILTSYNC_WEBHOOK_SECRET: webhookSecret,
      ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
    },
  )

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
  readonly call: (method: string, path: string, options?: FixtureCallOptions) => Promise<Answer>
  readonly close: () => Promise<void>
}

/** A test's call: as alice unless it names another token (null: none). */
export type FixtureCallOptions = Partial<CallOptions>

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
  /** The Docebo simulator's profile: `strict` unless a test is about what only a fuller tenant answers. */
  doceboProfile?: DoceboProfile,
): Promise<Fixture> => {
  const seeds = simulatorSeedsFor("acme")
  if (seeds === undefined) throw new Error("the acme tenant is missing")
  const env = options.env ?? testEnv()
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
  const started = await startInProcessService({
    seeds,
    env,
    fetchOf: recorded,
    service: options,
    ...(doceboProfile ? { doceboProfile } : {}),
  })
  const call = async (method: string, path: string, callOptions: FixtureCallOptions = {}): Promise<Answer> => {
    const token = callOptions.token === undefined ? aliceToken : callOptions.token
    const answer = await callService(started.service, method, path, { ...callOptions, token })
    answers.push(answer.text, JSON.stringify([...answer.headers.entries()]))
    return answer
  }
  return { ...started, env, answers, calls, call }
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

type Simulator = { readonly app: Fixture["docebo"]["app"] | Fixture["to"]["app"] }

/** Something a Docebo admin or a TO planner does in their own UI (`POST /__sim/act`), raising its webhook. */
export const simAct = (sim: Simulator, body: unknown) => simulatorControl(sim.app, "/__sim/act", body)

/** Points a simulator's webhooks at the service, signed with the shared secret (or another, to forge them). */
export const subscribe = async (
  sim: Simulator,
  path: "/webhooks/docebo" | "/webhooks/training-orchestra",
  secret: string | null = webhookSecret,
) => {
  await simulatorControl(sim.app, "/__sim/webhooks", { url: `${serviceUrl}${path}`, secret })
}

/** A call to the Docebo simulator's API as its admin would make it. */
export const doceboApi = async (fixture: Fixture, method: string, path: string, body?: unknown) =>
  (await (await doceboAdminCall(fixture.docebo.app, method, path, body)).json()) as { data: Record<string, unknown> }

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
