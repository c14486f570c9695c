/**
 * A console to try in a minute (`npm run console`): both simulators seeded with a tenant, the service on a store in
 * a temporary folder, all over real HTTP on free loopback ports, with the simulators' webhooks pointed at the
 * service. The browser suite runs on the same.
 */
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { type Listening, listen } from "../commands/sim/Listen.ts"
import { importSimulatorWebinarAccounts, simulatorControl, simulatorEnv } from "../Simulators.ts"
import { makeService } from "../service/Service.ts"

export interface TrialOptions {
  readonly tenant?: string
  readonly doceboProfile?: DoceboProfile
  /** Where the service reports its own failures. */
  readonly log?: (line: string) => void
}

export const startConsoleTrial = async (options: TrialOptions = {}) => {
  const tenant = options.tenant ?? "acme"
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`there is no tenant ${tenant}`)
  const docebo = makeDoceboSimulator({ seed: seeds.docebo, profile: options.doceboProfile ?? "strict" })
  const to = makeToSimulator({ seed: seeds.to })
  const servers: Listening[] = []
  const folder = await mkdtemp(join(tmpdir(), "iltsync-console-"))
  const operator = "admin"
  const token = randomBytes(24).toString("hex")
  const webhookSecret = randomBytes(24).toString("hex")
  try {
    const doceboServer = await listen(docebo.app.fetch, 0)
    servers.push(doceboServer)
    const toServer = await listen(to.app.fetch, 0)
    servers.push(toServer)
    const env = {
      ...simulatorEnv(
        { docebo: doceboServer.url, to: toServer.url },
        {
          ILTSYNC_API_TOKEN: `${operator}:${token}`,
          ILTSYNC_WEBHOOK_SECRET: webhookSecret,
          ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
        },
      ),
    }
    const service = await makeService({
      databasePath: join(folder, "iltsync.db"),
      env,
      reconcileInterval: null,
      log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    })
    // A tenant without Docebo's webinar-accounts endpoint: the operator's first step, the accounts' CSV import.
    await service.runtime.runPromise(importSimulatorWebinarAccounts(docebo.state, new Date().toISOString()))
    const serviceServer = await listen(service.app.fetch, 0)
    servers.push(serviceServer)
    await simulatorControl(docebo.app, "/__sim/webhooks", {
      url: `${serviceServer.url}/webhooks/docebo`,
      secret: webhookSecret,
    })
    await simulatorControl(to.app, "/__sim/webhooks", {
      url: `${serviceServer.url}/webhooks/training-orchestra`,
      secret: webhookSecret,
    })
    const close = async () => {
      await Promise.all(servers.map((server) => server.close()))
      await service.shutdown({ grace: "5 seconds" })
      await rm(folder, { recursive: true, force: true })
    }
    return {
      url: `${serviceServer.url}/console`,
      serviceUrl: serviceServer.url,
      doceboUrl: doceboServer.url,
      toUrl: toServer.url,
      operator,
      token,
      docebo,
      to,
      service,
      close,
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()))
    await rm(folder, { recursive: true, force: true })
    throw error
  }
}

export type ConsoleTrial = Awaited<ReturnType<typeof startConsoleTrial>>
