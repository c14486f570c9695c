/**
 * `iltsync serve`: the service over HTTP (operator API, webhooks, background jobs, periodic reconcile), configured
 * from the environment (INTERFACE.md's table). On SIGTERM or SIGINT it stops listening, lets requests and the run in
 * progress finish (what does not finish in time is left to the journal to recover), closes the store and exits 0.
 */
import type { AddressInfo } from "node:net"
import { parseArgs } from "node:util"
import { type ServerType, serve } from "@hono/node-server"
import { storeLabel } from "../../adapters/store/Postgres.ts"
import { defaultTenant } from "../../adapters/store/TenantStore.ts"
import { TenantRefused } from "../../adapters/store/Tenants.ts"
import { databasePath } from "../Config.ts"
import { runsWhere, ServiceRefused } from "../service/Settings.ts"
import { makeTenantsService, type TenantsService } from "../tenants/Front.ts"
import { CliError } from "./CliError.ts"
import { listenForStop } from "./cli/Stop.ts"
import { serveSynopsis } from "./Synopses.ts"

const usageHint = `usage: iltsync ${serveSynopsis}`

/** How long open requests and the run in progress get once a stop is asked for. */
const graceMs = 20_000

interface ServeFlags {
  readonly port: number
  readonly host: string
  readonly insecureDev: boolean
  readonly noWorker: boolean
}

const readServeFlags = (argv: ReadonlyArray<string>): ServeFlags => {
  let values: { port?: string; host?: string; "insecure-dev"?: boolean; "no-worker"?: boolean }
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string", default: "4000" },
        host: { type: "string" },
        "insecure-dev": { type: "boolean", default: false },
        "no-worker": { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    // Node's parser explains at length; its first sentence names the problem.
    const message = error instanceof Error ? (error.message.split(". ")[0] ?? error.message) : String(error)
    throw new CliError(message, usageHint)
  }
  const text = values.port ?? "4000"
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new CliError(`--port must be a port number from 0 to 65535, not "${text}"`, "0 picks a free port")
  }
  // This machine only unless told otherwise: reaching it from elsewhere (`--host 0.0.0.0`) is a choice to make.
  return {
    port,
    host: values.host ?? "127.0.0.1",
    insecureDev: values["insecure-dev"] ?? false,
    noWorker: values["no-worker"] ?? false,
  }
}

const start = async (flags: ServeFlags): Promise<TenantsService> => {
  try {
    return await makeTenantsService({
      databasePath: databasePath(process.env),
      env: process.env,
      insecureDev: flags.insecureDev,
      noWorker: flags.noWorker,
      runs: runsWhere(process.env),
    })
  } catch (error) {
    if (error instanceof ServiceRefused || error instanceof TenantRefused) throw new CliError(error.reason, error.hint)
    const tagged = error as { _tag?: string; reason?: string; operation?: string }
    if (tagged._tag === "StoreError" || tagged._tag === "SecretKeyInvalid") {
      throw new CliError(
        `cannot open the store ${storeLabel(databasePath(process.env))}: ${tagged.reason ?? "unknown reason"}`,
        "check ILTSYNC_DB points at a writable SQLite file or a PostgreSQL database this machine can reach, and ILTSYNC_SECRET_KEY holds 32 bytes in hex or base64",
      )
    }
    throw error
  }
}

const listen = (service: TenantsService, flags: ServeFlags): Promise<ServerType> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch: service.app.fetch, port: flags.port, hostname: flags.host }, () => {
      server.off("error", reject)
      resolve(server)
    })
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new CliError(`port ${flags.port} is already in use`, "choose another with --port, or 0 for a free port")
          : error,
      ),
    )
  })

/** Stops listening; requests still open get the grace period, idle keep-alive connections are closed at once. */
const closeServer = (server: ServerType): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve())
    if ("closeIdleConnections" in server) {
      server.closeIdleConnections()
      setTimeout(() => server.closeAllConnections(), graceMs).unref()
    }
  })

const describe = (
  address: AddressInfo,
  flags: ServeFlags,
  env: NodeJS.ProcessEnv,
  tenants: ReadonlyArray<string>,
): string => {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  const lines = [
    `iltsync service listening on http://${host}:${address.port}`,
    `  console  http://${host}:${address.port}/console (sign in with an operator token)`,
    `  store    ${storeLabel(databasePath(env))}`,
  ]
  const named = tenants.filter((name) => name !== defaultTenant)
  if (named.length > 0) {
    lines.push(
      `  tenants  ${tenants.length} served (${tenants.slice(0, 5).join(", ")}${tenants.length > 5 ? ", …" : ""})`,
    )
  }
  if (flags.insecureDev && !env.ILTSYNC_API_TOKEN) lines.push("  WARNING  --insecure-dev: the operator API is open")
  if (flags.host === "127.0.0.1" || flags.host === "::1" || flags.host === "localhost") {
    lines.push("  reachable from this machine only: --host 0.0.0.0 listens on every interface")
  }
  if (!env.ILTSYNC_WEBHOOK_SECRET) lines.push("  webhooks refused: ILTSYNC_WEBHOOK_SECRET is not set")
  if (flags.noWorker) lines.push("  --no-worker: jobs and webhooks are queued for `iltsync worker` processes")
  lines.push("Stop with Ctrl+C or SIGTERM.")
  return `${lines.join("\n")}\n`
}

export const run = async (argv: string[]): Promise<number> => {
  const flags = readServeFlags(argv)
  const { stopped, dispose } = listenForStop()
  try {
    const service = await start(flags)
    let server: ServerType | null = null
    try {
      server = await listen(service, flags)
      process.stdout.write(describe(server.address() as AddressInfo, flags, process.env, service.tenants.names()))
      const signal = await stopped
      process.stdout.write(`${signal}: stopping the service\n`)
    } finally {
      // Both at once, within one grace: the server stops taking connections while the service lets the requests it
      // is answering finish before it closes the store.
      await Promise.all([server === null ? undefined : closeServer(server), service.shutdown({ grace: graceMs })])
    }
    process.stdout.write("iltsync service stopped\n")
    return 0
  } finally {
    dispose()
  }
}
