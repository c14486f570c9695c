/**
 * Two tenants behind one service, in-process, for the isolation tests: the default tenant on the acme simulators
 * (its settings in the environment, as a single-tenant install has them) and `globex`, added through the admin
 * routes, on simulators of its own seeded with a synthetic tenant. Each pair of simulators is reached at its own
 * hosts, and every call they are sent is recorded, so a test can tell whose systems a request reached.
 */
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Fetch, fetchFromApp } from "../../../adapters/http/Fetch.ts"
import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../../tenants/Registry.ts"
import { type Answer, callService } from "../../service/InProcess.ts"
import { aliceToken, testEnv, webhookSecret } from "../../service/TestSupport.ts"
import { makeTenantsService, type TenantsService } from "../Front.ts"

export const adminToken = "admin-3c9d7e21f0b84a65"
export const globexHosts = { docebo: "globex.docebosaas.com", to: "globex.trainingorchestra.example" }

/** Text only the acme tenant's data holds: seen in an answer to globex, it would be a leak. */
export const acmeMarkers = ["acme-corp.example", "LDR-101", "HSE-110", "Dubois", "acme.docebosaas.com"]

const systemsOf = (name: string, webhookFetch: (url: string, init: RequestInit) => Promise<Response>) => {
  const seeds = simulatorSeedsFor(name)
  if (seeds === undefined) throw new Error(`no simulator seed ${name}`)
  return {
    docebo: makeDoceboSimulator({ seed: seeds.docebo, webhookFetch, profile: "strict" }),
    to: makeToSimulator({ seed: seeds.to, webhookFetch }),
  }
}

export interface TwoTenants {
  readonly front: TenantsService
  readonly acme: ReturnType<typeof systemsOf>
  readonly globex: ReturnType<typeof systemsOf>
  /** `acme GET /learn/v1/courses`, `globex POST /v1/sessions`, … in the order they were sent. */
  readonly systemCalls: string[]
  readonly globexToken: string
  readonly globexWebhookSecret: string
  readonly defaultWebhookSecret: string
  readonly call: (method: string, path: string, token: string | null, body?: unknown) => Promise<Answer>
  readonly close: () => Promise<void>
}

/** `store`: where the main store goes (a file or a PostgreSQL URL) and how to remove it; a temporary file unless given. */
export const startTwoTenants = async (store?: {
  readonly location: string
  readonly remove: () => Promise<void>
}): Promise<TwoTenants> => {
  const folder = await mkdtemp(join(tmpdir(), "iltsync-tenants-"))
  let front: TenantsService | null = null
  const webhookFetch = async (url: string, init: RequestInit) => {
    if (front === null) throw new Error("the service is not started")
    return front.app.request(url, init)
  }
  const acme = systemsOf("acme", webhookFetch)
  const globex = systemsOf("synthetic-4", webhookFetch)
  const systemCalls: string[] = []
  const routed =
    (system: "docebo" | "to"): Fetch =>
    async (input, init) => {
      const url = new URL(input)
      const tenant = url.hostname === globexHosts[system] ? "globex" : "acme"
      systemCalls.push(`${tenant} ${init.method ?? "GET"} ${url.pathname}`)
      return fetchFromApp((tenant === "globex" ? globex : acme)[system].app)(input, init)
    }
  const env = {
    ...testEnv(),
    ILTSYNC_ADMIN_TOKEN: adminToken,
    ILTSYNC_DB: store?.location ?? join(folder, "iltsync.db"),
    ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
  }
  front = await makeTenantsService({
    databasePath: env.ILTSYNC_DB,
    env,
    fetch: { docebo: routed("docebo"), to: routed("to") },
    reconcileInterval: null,
    budgets: { docebo: { limitPerHour: 1_000_000 }, to: { perSecond: 100_000, burst: 100_000 } },
    log: () => {},
    refreshMs: 0,
  })
  const started = front
  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    callService(started, method, path, { token, ...(body === undefined ? {} : { body }) })

  const added = await call("POST", "/admin/tenants", adminToken, {
    name: "globex",
    operator: "gina",
    settings: { ILTSYNC_DOCEBO_MAIN_DOMAIN: globexHosts.docebo },
  })
  if (added.status !== 201) throw new Error(`adding globex answered ${added.status}: ${added.text}`)
  const { operatorToken, webhookSecret: globexWebhookSecret } = added.json<{
    operatorToken: string
    webhookSecret: string
  }>()
  const saved = await call("PUT", "/credentials", operatorToken, {
    docebo: {
      url: `https://${globexHosts.docebo}`,
      clientId: DOCEBO_TEST_CREDENTIALS.clientId,
      clientSecret: DOCEBO_TEST_CREDENTIALS.clientSecret,
      username: DOCEBO_TEST_CREDENTIALS.username,
      password: DOCEBO_TEST_CREDENTIALS.password,
    },
    to: {
      url: `https://${globexHosts.to}`,
      clientId: TO_TEST_CREDENTIALS.clientId,
      clientSecret: TO_TEST_CREDENTIALS.clientSecret,
    },
  })
  if (saved.status !== 200) throw new Error(`saving globex's credentials answered ${saved.status}: ${saved.text}`)

  return {
    front: started,
    acme,
    globex,
    systemCalls,
    globexToken: operatorToken,
    globexWebhookSecret,
    defaultWebhookSecret: webhookSecret,
    call,
    close: async () => {
      await started.shutdown({ grace: "5 seconds" })
      await store?.remove()
      await rm(folder, { recursive: true, force: true })
    },
  }
}

/** A full sync of the tenant whose token this is, to its end. */
export const syncOf = async (tenants: TwoTenants, token: string) => {
  const started = await tenants.call("POST", "/sync", token, {})
  if (started.status !== 202) throw new Error(`POST /sync answered ${started.status}: ${started.text}`)
  const jobId = started.json<{ jobId: string }>().jobId
  const deadline = Date.now() + 30_000
  for (;;) {
    const job = (await tenants.call("GET", `/jobs/${jobId}`, token)).json<{ status: string; error: string | null }>()
    if (job.status === "succeeded") return jobId
    if (job.status === "failed") throw new Error(`the sync failed: ${job.error}`)
    if (Date.now() > deadline) throw new Error("the sync did not end in time")
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export { aliceToken }
