/**
 * The simulators of `bench service` in their own process, as the real systems are remote: their work (routing,
 * records, JSON) stays off the service's event loop, and every call the service makes is real I/O over loopback, as
 * in production, instead of an in-process `app.request` whose promise chain lets no request in while a run reads.
 * Prints one JSON line (the two ports and TO's session ids); stops when its standard input closes.
 * Usage: tsx harness/bench/SimulatorHost.ts <tenant>
 */
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"

export interface SimulatorPorts {
  readonly docebo: number
  readonly to: number
  readonly sessionIds: ReadonlyArray<string>
}

const tenant = process.argv[2] ?? "acme"
const seeds = simulatorSeedsFor(tenant)
if (seeds === undefined) throw new Error(`the ${tenant} tenant is missing`)
const docebo = makeDoceboSimulator({ seed: seeds.docebo })
const to = makeToSimulator({ seed: seeds.to })

const listen = async (app: { readonly fetch: (request: Request) => Response | Promise<Response> }) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })
  await new Promise<void>((resolve) => server.once("listening", () => resolve()))
  return (server.address() as AddressInfo).port
}

const ports: SimulatorPorts = {
  docebo: await listen(docebo.app),
  to: await listen(to.app),
  sessionIds: to.state.snapshot().sessions.map((session) => session.id),
}
console.log(JSON.stringify(ports))
process.stdin.on("end", () => process.exit(0))
process.stdin.resume()
