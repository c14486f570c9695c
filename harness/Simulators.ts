/**
 * iltsync's side of the simulators: the settings that point it at both, logged in with their test credentials, and
 * what the people of each system do there (a Docebo admin's API call, an action on a simulator's control surface, an
 * operator's import). The CLI's `sim` and `demo`, the benchmarks, the tests and the named scenarios all reach the
 * simulators this way.
 */
import { Effect } from "effect"
import type { InProcessApp } from "../adapters/http/Fetch.ts"
import { Store } from "../adapters/store/Store.ts"
import { DOCEBO_TEST_CREDENTIALS, type DoceboSimState } from "../simulators/docebo/index.ts"
import { TO_TEST_CREDENTIALS } from "../simulators/training-orchestra/index.ts"
import { csvDocument } from "./Csv.ts"
import { readWebinarAccountsCsv } from "./WebinarAccountsImport.ts"

/**
 * The variables of INTERFACE.md's table, in its order, for simulators at `urls`; TO's platform link is its
 * simulator's address. `extras` adds settings (the operator's token, the webhook secret) or changes one.
 */
/**
 * The simulated tenants live in their own time: acme is in December 2026, its autumn sessions over and its 2027
 * schedule ahead. Against the simulators the horizon stays where it was then (2026-11-27), however late the run, so
 * that what is history does not change with the day a test or a demo runs.
 */
const simulatedHorizon = Date.parse("2026-11-27T00:00:00Z")
const simulatedHorizonDays = () => String(Math.max(0, Math.floor((Date.now() - simulatedHorizon) / 86_400_000)))

export const simulatorEnv = (
  urls: { readonly docebo: string; readonly to: string },
  extras: Readonly<Record<string, string>> = {},
): Record<string, string> => ({
  DOCEBO_URL: urls.docebo,
  DOCEBO_CLIENT_ID: DOCEBO_TEST_CREDENTIALS.clientId,
  DOCEBO_CLIENT_SECRET: DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_USERNAME: DOCEBO_TEST_CREDENTIALS.username,
  DOCEBO_PASSWORD: DOCEBO_TEST_CREDENTIALS.password,
  TO_URL: urls.to,
  TO_CLIENT_ID: TO_TEST_CREDENTIALS.clientId,
  TO_CLIENT_SECRET: TO_TEST_CREDENTIALS.clientSecret,
  TO_PLATFORM_URL: urls.to,
  // The simulated Docebo may have no domain endpoint (the strict profile): its host is confirmed as the main domain.
  ILTSYNC_DOCEBO_MAIN_DOMAIN: new URL(urls.docebo).hostname,
  ILTSYNC_SYNC_HORIZON_DAYS: simulatedHorizonDays(),
  ...extras,
})

const jsonRequest = (method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})

/** A call to the Docebo simulator's API as its admin makes it in Docebo's own UI: with a token of the admin's own. */
export const doceboAdminCall = async (
  app: InProcessApp,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> => {
  const token = await app.request("/oauth2/token", {
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
  return app.request(path, jsonRequest(method, body, { authorization: `Bearer ${access_token}` }))
}

/**
 * A JSON POST to a simulator's control surface (`/__sim/act`: what a TO planner or a Docebo admin does in their own
 * UI; `/__sim/config`, `/__sim/webhooks`, …): its answer's `data`, or the whole answer when it has none. Any answer
 * but a 200 is an error.
 */
export const simulatorControl = async (
  app: InProcessApp,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> => {
  const response = await app.request(path, jsonRequest("POST", body))
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text}`)
  const answer = JSON.parse(text) as { readonly data?: Record<string, unknown> }
  return answer.data ?? answer
}

/**
 * What the operator of a tenant without Docebo's webinar-accounts endpoint does before a first sync: export the
 * accounts from Docebo's own pages as the seed's CSV and import it, through the same reader as
 * `webinar-accounts --import`. Nothing to do for a tenant that has the endpoint.
 */
export const importSimulatorWebinarAccounts = (docebo: DoceboSimState, at: string) =>
  Effect.gen(function* () {
    if (docebo.config.endpoints.webinarAccounts) return
    const rows = [...docebo.store.webinarAccounts.values()].map((a) => [String(a.id), a.tool, a.name, a.email])
    const read = readWebinarAccountsCsv(csvDocument(["id", "tool", "name", "email"], rows))
    // The file is made from the simulator's own records: one it refuses is a bug, not an operator's mistake.
    if (!read.ok)
      return yield* Effect.dieMessage(`the tenant's webinar accounts do not import: ${read.problems.join("; ")}`)
    const store = yield* Store
    yield* store.replaceImportedWebinarAccounts(read.accounts, at)
  })
