/**
 * The service world of a named scenario: iltsync's HTTP service in-process (operator API, background jobs, webhook
 * inbox) against both simulators seeded with a tenant (harness/service/InProcess.ts). Requests go through
 * `app.request`; the simulators' webhooks come back to the service the same way, signed with the shared secret.
 */
import { randomBytes } from "node:crypto"
import { doceboAdminCall, simulatorControl, simulatorEnv } from "../../harness/Simulators.ts"
import { type Answer, callService, serviceUrl, startInProcessService } from "../../harness/service/InProcess.ts"
import type { Service } from "../../harness/service/Service.ts"
import type { DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import type { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"

const operatorToken = "tok-operator-scenarios"
const webhookSecret = "whsec-scenarios"

const serviceEnv = (): NodeJS.ProcessEnv =>
  simulatorEnv(
    { docebo: "https://acme.docebosaas.com", to: "https://acme.trainingorchestra.example" },
    {
      TO_PLATFORM_URL: "https://acme.trainingorchestra.example/platform",
      ILTSYNC_API_TOKEN: `operator:${operatorToken}`,
      ILTSYNC_WEBHOOK_SECRET: webhookSecret,
      ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
    },
  )

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
  /** Waits until every webhook is delivered and every run it started is over, the webhooks those runs caused too. */
  readonly settled: () => Promise<void>
  /**
   * Points a system's webhooks at the service again, with the settings of Docebo's webhook form (`group`), or stops
   * them (null).
   */
  readonly subscribe: (system: "docebo" | "to", settings: { readonly group?: boolean } | null) => void
  readonly memo: Map<string, unknown>
  readonly close: () => Promise<void>
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

export const openServiceWorld = async (
  tenant: string,
  options: { readonly doceboProfile?: DoceboProfile } = {},
): Promise<ServiceWorld> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const { service, docebo, to, close } = await startInProcessService({ seeds, env: serviceEnv(), ...options })
  docebo.state.subscribe({ url: `${serviceUrl}/webhooks/docebo`, secret: webhookSecret })
  to.state.subscribe({ url: `${serviceUrl}/webhooks/training-orchestra`, secret: webhookSecret })

  const call = (method: string, path: string, body?: unknown) =>
    callService(service, method, path, { token: operatorToken, body })
  const control = (sim: Simulator, path: string, body: unknown) => simulatorControl(sim.app, path, body)
  const doceboApi = async (method: string, path: string, body?: unknown) => {
    const response = await doceboAdminCall(docebo.app, method, path, body)
    const text = await response.text()
    if (response.status !== 200) throw new Error(`Docebo ${method} ${path} answered ${response.status}: ${text}`)
    return (JSON.parse(text) as { data: Record<string, unknown> }).data
  }
  const finished = (jobId: string) =>
    eventually(`job ${jobId} ending`, async () => {
      const job = (await call("GET", `/jobs/${jobId}`)).json()
      return job.status === "succeeded" || job.status === "failed" ? job : undefined
    })
  const queueDepth = async () =>
    Number(/^iltsync_webhook_queue_depth (\d+)$/m.exec((await call("GET", "/metrics")).text)?.[1] ?? "NaN")
  const settled = async () => {
    // A run a webhook started may write, and its writes raise webhooks in turn (which iltsync takes for echoes).
    for (let round = 0; round < 10; round++) {
      await docebo.state.webhooks.drain()
      await to.state.webhooks.drain()
      await eventually("the webhook inbox emptying", async () => ((await queueDepth()) === 0 ? true : undefined))
      if (docebo.state.webhooks.pending().length === 0 && to.state.webhooks.pending().length === 0) return
    }
    throw new Error("the webhooks did not settle: each round of runs raised more")
  }
  const subscribe = (system: "docebo" | "to", settings: { readonly group?: boolean } | null) => {
    const [sim, path] = system === "docebo" ? [docebo, "docebo"] : [to, "training-orchestra"]
    sim.state.subscribe(settings && { url: `${serviceUrl}/webhooks/${path}`, secret: webhookSecret, ...settings })
  }
  return {
    service,
    docebo,
    to,
    call,
    control,
    doceboApi,
    finished,
    settled,
    subscribe,
    memo: new Map(),
    close,
  }
}
