/**
 * The service of every tenant behind one address. The front only chooses whose service answers a request, then
 * hands it over whole; each tenant's service checks the caller again with its own tokens and secret, so a request
 * sent to the wrong tenant is refused there rather than served.
 *
 * - `/webhooks/{tenant}/docebo|training-orchestra`: that tenant's webhooks (`/webhooks/docebo` is the default's).
 * - the operator API: the tenant whose operator token the bearer is.
 * - the console: the tenant its sign-in token names, remembered afterwards in a routing cookie (the session cookie
 *   it sits beside is what signs in; a session is only known to the tenant it was made for).
 * - `/admin/tenants`: the registry, with `ILTSYNC_ADMIN_TOKEN`.
 */
import { Hono } from "hono"
import { getCookie } from "hono/cookie"
import { isPostgresUrl } from "../../adapters/store/Postgres.ts"
import { defaultTenant } from "../../adapters/store/TenantStore.ts"
import { bearerOf } from "../service/Auth.ts"
import { notFound, Problem, problemOf, problemResponse } from "../service/Problem.ts"
import type { Service, ServiceOptions } from "../service/Service.ts"
import { minTokenLength, ServiceRefused } from "../service/Settings.ts"
import { openWorkQueue, type WorkQueue } from "../workers/Queue.ts"
import { adminRoutes } from "./AdminRoutes.ts"
import { openRegistry } from "./Registry.ts"
import { makeTenantServices, type Served, type TenantServices } from "./TenantServices.ts"

/** Routes a browser to the tenant it signed in to; it holds only a tenant's name, never anything secret. */
export const tenantCookie = "iltsync_tenant"
const consolePath = (path: string) => path === "/" || path === "/console" || path.startsWith("/console/")
const signInLimit = 64 * 1024

/** How often the registry is read again for changes made elsewhere (`iltsync tenant …` in another process). */
const defaultRefreshMs = 10_000

/** The token a console sign-in presents, read from a copy of the request (the original goes on to the tenant). */
const signInToken = async (request: Request): Promise<string | null> => {
  const reader = request.clone().body?.getReader()
  if (reader === undefined) return null
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    // A sign-in form is a few hundred bytes: a longer body names no tenant (the tenant's service refuses it).
    if (size > signInLimit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const token = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("token")
  return token === null ? null : token.trim()
}

export interface TenantsService {
  readonly app: Hono
  readonly tenants: TenantServices
  readonly shutdown: (options?: Parameters<Service["shutdown"]>[0]) => Promise<void>
}

export interface TenantsServiceOptions extends ServiceOptions {
  readonly env: NodeJS.ProcessEnv
  /** How often the registry is read again; 0 never (tests refresh themselves). */
  readonly refreshMs?: number
  /**
   * The API, console and webhook intake alone (`serve --no-worker`): every tenant's jobs and webhook deliveries go
   * to the workers' queue on the PostgreSQL main store.
   */
  readonly noWorker?: boolean
}

const adminTokenOf = (env: NodeJS.ProcessEnv): string | null => {
  const token = env.ILTSYNC_ADMIN_TOKEN?.trim() ?? ""
  if (token === "") return null
  if (token.length < minTokenLength)
    throw new ServiceRefused({
      reason: `ILTSYNC_ADMIN_TOKEN is shorter than ${minTokenLength} characters: it could be guessed`,
      hint: "e.g. from `openssl rand -hex 24`",
    })
  return token
}

export const makeTenantsService = async (options: TenantsServiceOptions): Promise<TenantsService> => {
  const adminToken = adminTokenOf(options.env)
  const registry = await openRegistry(options.env)
  let tenants: TenantServices
  let queue: WorkQueue | null = null
  try {
    if (options.noWorker) {
      if (!isPostgresUrl(registry.main))
        throw new ServiceRefused({
          reason: "--no-worker needs a PostgreSQL store: the workers share its job queue",
          hint: "set ILTSYNC_DB to a postgres:// URL, or serve without --no-worker (one process does everything)",
        })
      queue = await openWorkQueue(registry.main)
    }
    const workQueue = queue
    tenants = await makeTenantServices(registry, {
      ...options,
      ...(workQueue === null ? {} : { dispatchFor: workQueue.dispatchFor }),
    })
  } catch (error) {
    await queue?.close()
    await registry.close()
    throw error
  }
  const refreshMs = options.refreshMs ?? defaultRefreshMs
  const timer = refreshMs > 0 ? setInterval(() => void tenants.refresh().catch(() => undefined), refreshMs) : null
  timer?.unref()

  const servedOrRefuse = (name: string): Served => {
    const entry = tenants.get(name)
    if (entry === undefined) throw notFound(`no tenant "${name}" is served here`)
    if (!("service" in entry)) throw new Problem(503, `tenant "${name}" could not start: ${entry.reason}`)
    return entry
  }
  const fallback = (): Served => {
    const entry = tenants.fallback()
    if (entry === undefined) throw new Problem(503, "no tenant is served: every one is disabled or failed to start")
    return entry
  }
  /** The request as the tenant's own service takes it, at `path`, with the connection's bindings (the peer's address). */
  const handOver = (served: Served, request: Request, bindings: unknown, path?: string) => {
    if (path === undefined) return served.service.app.fetch(request, bindings)
    const url = new URL(request.url)
    url.pathname = path
    return served.service.app.fetch(new Request(url, request), bindings)
  }

  // Unknown tokens may be new ones made by another process: the registry is read again, at most once a second.
  let lastMissRefresh = 0
  const tenantOf = async (presented: string): Promise<string | null> => {
    const found = tenants.tenantOfToken(presented)
    if (found !== null || Date.now() - lastMissRefresh < 1_000) return found
    lastMissRefresh = Date.now()
    await tenants.refresh().catch(() => undefined)
    return tenants.tenantOfToken(presented)
  }

  const app = new Hono()
  app.get("/healthz", (c) => c.json({ ok: true }))
  app.route("/admin/tenants", adminRoutes({ registry, tenants, adminToken, env: options.env }))
  app.all("/webhooks/:tenant/:sender", (c) =>
    handOver(servedOrRefuse(c.req.param("tenant")), c.req.raw, c.env, `/webhooks/${c.req.param("sender")}`),
  )
  // The addresses of before tenants: the default tenant's alone, never another's.
  app.all("/webhooks/:sender", (c) => handOver(servedOrRefuse(defaultTenant), c.req.raw, c.env))
  app.all("*", async (c) => {
    const path = c.req.path
    if (consolePath(path)) {
      if (c.req.method === "POST" && path === "/console/sign-in") {
        const token = await signInToken(c.req.raw)
        const name = token === null ? null : await tenantOf(token)
        const served = name === null ? fallback() : servedOrRefuse(name)
        const response = await handOver(served, c.req.raw, c.env)
        // A sign-in that took is answered with its session cookie: the browser is then routed to this tenant.
        if (response.headers.getSetCookie().some((cookie) => /iltsync_session=[^;]/.test(cookie))) {
          const routed = new Response(response.body, response)
          routed.headers.append("set-cookie", `${tenantCookie}=${served.name}; Path=/; HttpOnly; SameSite=Strict`)
          return routed
        }
        return response
      }
      const named = getCookie(c, tenantCookie)
      const entry = named === undefined ? undefined : tenants.get(named)
      return handOver(entry !== undefined && "service" in entry ? entry : fallback(), c.req.raw, c.env)
    }
    const bearer = bearerOf(c.req.header("authorization"))
    const name = bearer === null ? null : await tenantOf(bearer)
    return handOver(name === null ? fallback() : servedOrRefuse(name), c.req.raw, c.env)
  })
  app.notFound((c) => problemResponse(c, notFound(`no route ${c.req.path}`)))
  app.onError((error, c) => problemResponse(c, problemOf(error)))

  let stopped: Promise<void> | null = null
  return {
    app,
    tenants,
    shutdown: (grace) => {
      stopped ??= (async () => {
        if (timer !== null) clearInterval(timer)
        await tenants.shutdown(grace)
        await queue?.close()
        await registry.close()
      })()
      return stopped
    },
  }
}
