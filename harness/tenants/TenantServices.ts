/**
 * One service per tenant in this process, each the whole single-tenant service (its store, budgets, runner, jobs,
 * inbox, periodic reconcile, operator tokens and webhook secret), so a tenant's work can only ever touch its own
 * store. The registry is read again on `refresh` (after an admin route's change, and every few seconds for changes
 * made by `iltsync tenant` in another process): a new tenant starts, a disabled one stops, a changed one restarts.
 */
import { createHash } from "node:crypto"
import { defaultTenant } from "../../adapters/store/TenantStore.ts"
import type { Tenant } from "../../adapters/store/Tenants.ts"
import { databasePath } from "../Config.ts"
import type { WorkDispatch } from "../service/Dispatch.ts"
import { makeService, type Service, type ServiceOptions } from "../service/Service.ts"
import { parseApiTokens, ServiceRefused } from "../service/Settings.ts"
import type { Registry } from "./Registry.ts"

export interface Served {
  readonly name: string
  readonly service: Service
  /** What the service was started with: a change of it restarts the service. */
  readonly fingerprint: string
  readonly tokens: ReadonlyArray<string>
}

/** A tenant that should be served but could not start (its store unreachable, say), and why. */
export interface Unstarted {
  readonly name: string
  readonly reason: string
}

const tokenDigest = (token: string) => createHash("sha256").update(token, "utf8").digest("hex")

const fingerprintOf = (tenant: Tenant) =>
  JSON.stringify([tenant.operators, tenant.webhookSecret, tenant.settings, tenant.disabledAt])

export interface TenantServices {
  readonly get: (name: string) => Served | Unstarted | undefined
  /** The tenant whose operator token this is (a `name:token` too), or null. */
  readonly tenantOfToken: (presented: string) => string | null
  /** The default tenant when it is served, else the first tenant served: it answers what names no tenant. */
  readonly fallback: () => Served | undefined
  readonly names: () => ReadonlyArray<string>
  readonly refresh: () => Promise<void>
  readonly shutdown: (options?: Parameters<Service["shutdown"]>[0]) => Promise<void>
}

export const makeTenantServices = async (
  registry: Registry,
  options: ServiceOptions & {
    readonly env: NodeJS.ProcessEnv
    /** With workers: how each tenant's work is handed to them (harness/workers/Queue.ts). */
    readonly dispatchFor?: (tenant: string) => WorkDispatch
  },
): Promise<TenantServices> => {
  /** With workers, a tenant's runs also hold its lock across processes, and its work goes to the queue. */
  const workedElsewhere = (tenant: string, location: string): Partial<ServiceOptions> =>
    options.dispatchFor === undefined ? {} : { dispatch: options.dispatchFor(tenant), crossProcessLock: location }
  const served = new Map<string, Served | Unstarted>()
  const byToken = new Map<string, string>()
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))

  const rebuildTokens = () => {
    byToken.clear()
    for (const entry of served.values()) {
      if ("tokens" in entry) for (const token of entry.tokens) byToken.set(tokenDigest(token), entry.name)
    }
  }

  const start = async (tenant: Tenant): Promise<Served | Unstarted> => {
    try {
      const env = await registry.envOf(tenant.name)
      const location = databasePath(env)
      const service = await makeService({
        ...options,
        ...workedElsewhere(tenant.name, location),
        env,
        databasePath: location,
        insecureDev: false,
      })
      return {
        name: tenant.name,
        service,
        fingerprint: fingerprintOf(tenant),
        tokens: tenant.operators.map((operator) => operator.token),
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      log(`iltsync: tenant ${tenant.name} could not start: ${reason}`)
      return { name: tenant.name, reason }
    }
  }

  // The default tenant: served as before tenants existed, unless it has no operator token and other tenants exist
  // (a deployment of named tenants only).
  const startDefault = async (others: number): Promise<Served | null> => {
    try {
      const service = await makeService({ ...options, ...workedElsewhere(defaultTenant, options.databasePath) })
      const tokens = parseApiTokens(options.env.ILTSYNC_API_TOKEN).map((entry) => entry.token)
      return { name: defaultTenant, service, fingerprint: "", tokens }
    } catch (error) {
      if (error instanceof ServiceRefused && others > 0 && !options.env.ILTSYNC_API_TOKEN) return null
      throw error
    }
  }

  const stop = async (entry: Served | Unstarted | undefined, grace?: Parameters<Service["shutdown"]>[0]) => {
    if (entry !== undefined && "service" in entry) await entry.service.shutdown(grace)
  }

  let chain: Promise<void> = Promise.resolve()
  let closed = false
  const refresh = () => {
    chain = chain.then(async () => {
      if (closed) return
      const tenants = await registry.list()
      const wanted = new Map(tenants.filter((tenant) => tenant.disabledAt === null).map((t) => [t.name, t]))
      for (const [name, entry] of [...served]) {
        if (name === defaultTenant) continue
        const tenant = wanted.get(name)
        const current = "fingerprint" in entry && tenant !== undefined && entry.fingerprint === fingerprintOf(tenant)
        if (!current) {
          served.delete(name)
          rebuildTokens()
          await stop(entry)
        }
      }
      for (const [name, tenant] of wanted) if (!served.has(name)) served.set(name, await start(tenant))
      rebuildTokens()
    })
    const done = chain
    // One failed refresh (the registry unreachable) must not stop the next ones.
    chain = chain.catch((error: unknown) => log(`iltsync: the tenant registry could not be read: ${String(error)}`))
    return done
  }

  const tenants = await registry.list()
  const main = await startDefault(tenants.filter((tenant) => tenant.disabledAt === null).length)
  if (main !== null) served.set(defaultTenant, main)
  try {
    await refresh()
  } catch (error) {
    await Promise.all([...served.values()].map((entry) => stop(entry)))
    throw error
  }

  return {
    get: (name) => served.get(name),
    tenantOfToken: (presented) => {
      const direct = byToken.get(tokenDigest(presented))
      if (direct !== undefined) return direct
      const colon = presented.indexOf(":")
      return colon > 0 ? (byToken.get(tokenDigest(presented.slice(colon + 1))) ?? null) : null
    },
    fallback: () => {
      const main = served.get(defaultTenant)
      if (main !== undefined && "service" in main) return main
      for (const entry of served.values()) if ("service" in entry) return entry
      return undefined
    },
    names: () => [...served.keys()],
    refresh,
    shutdown: async (grace) => {
      closed = true
      await chain.catch(() => undefined)
      const all = [...served.values()]
      served.clear()
      byToken.clear()
      await Promise.all(all.map((entry) => stop(entry, grace)))
    },
  }
}
