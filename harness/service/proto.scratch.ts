import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ManagedRuntime } from "effect"
import { fetchFromApp } from "../../adapters/http/Fetch.ts"
import { reconcile } from "../../engine/Reconcile.ts"
import { simulatorSeedsFor } from "../../scenarios/tenants/Registry.ts"
import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { appLayer } from "../Sync.ts"

const seeds = simulatorSeedsFor("acme")!
const docebo = makeDoceboSimulator({ seed: seeds.docebo })
const to = makeToSimulator({ seed: seeds.to })
const env = {
  DOCEBO_URL: "http://docebo.test",
  DOCEBO_CLIENT_ID: DOCEBO_TEST_CREDENTIALS.clientId,
  DOCEBO_CLIENT_SECRET: DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_USERNAME: DOCEBO_TEST_CREDENTIALS.username,
  DOCEBO_PASSWORD: DOCEBO_TEST_CREDENTIALS.password,
  TO_URL: "http://to.test",
  TO_CLIENT_ID: TO_TEST_CREDENTIALS.clientId,
  TO_CLIENT_SECRET: TO_TEST_CREDENTIALS.clientSecret,
}
const dir = mkdtempSync(join(tmpdir(), "proto-"))
const rt = ManagedRuntime.make(
  appLayer(join(dir, "db.sqlite"), { env, fetch: { docebo: fetchFromApp(docebo.app), to: fetchFromApp(to.app) } }),
)
let t = Date.now()
const dry = await rt.runPromise(reconcile({ runId: "r1", dryRun: true }))
console.log("dry", Date.now() - t, JSON.stringify(dry.planned.summary), dry.planned.warnings.length)
t = Date.now()
const real = await rt.runPromise(reconcile({ runId: "r2" }))
console.log(
  "apply",
  Date.now() - t,
  real.outcomes
    ?.filter((o) => o.status !== "done")
    .map((o) => [o.opId, o.status, o.reason])
    .slice(0, 10),
)
t = Date.now()
const again = await rt.runPromise(reconcile({ runId: "r3", dryRun: true }))
console.log("again", Date.now() - t, JSON.stringify(again.planned.summary))
console.log(real.statuses.slice(0, 5))
console.log(
  JSON.stringify(seeds.docebo.courses?.slice(0, 3)),
  seeds.to.training_providers?.length,
  seeds.to.trainers?.length,
)
await rt.dispose()
