/**
 * `/admin/tenants`: the registry over HTTP, for whoever holds `ILTSYNC_ADMIN_TOKEN` (the same operations as
 * `iltsync tenant`). The admin token manages tenants and nothing else: it reads and changes no tenant's data. A new
 * tenant's operator token and webhook secret are in the answer that creates them, and in no other.
 */
import { Schema } from "effect"
import { Hono } from "hono"
import type { Tenant } from "../../adapters/store/Tenants.ts"
import { TenantRefused } from "../../adapters/store/Tenants.ts"
import { bearerOf, sameSecret } from "../service/Auth.ts"
import { decodeBody } from "../service/Body.ts"
import { notFound, Problem } from "../service/Problem.ts"
import type { Registry } from "./Registry.ts"
import type { TenantServices } from "./TenantServices.ts"

const NewTenantBody = Schema.Struct({
  name: Schema.String.pipe(Schema.maxLength(64)),
  operator: Schema.optional(Schema.String.pipe(Schema.maxLength(64))),
  settings: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
})

const NewTokenBody = Schema.Struct({ operator: Schema.optional(Schema.String.pipe(Schema.maxLength(64))) })

/** What the list shows of a tenant: never a token or a secret. */
const listed = (tenant: Tenant, served: TenantServices) => {
  const entry = served.get(tenant.name)
  return {
    name: tenant.name,
    status: tenant.disabledAt === null ? "active" : "disabled",
    createdAt: tenant.createdAt,
    disabledAt: tenant.disabledAt,
    operators: [...new Set(tenant.operators.map((operator) => operator.name))],
    settings: tenant.settings,
    served: entry === undefined ? "no" : "service" in entry ? "yes" : `failed: ${entry.reason}`,
    webhooks: {
      docebo: `/webhooks/${tenant.name}/docebo`,
      trainingOrchestra: `/webhooks/${tenant.name}/training-orchestra`,
    },
  }
}

/** A registry refusal is the caller's mistake: 404 for a tenant that is not there, 409 for one that already is. */
const refused = (error: unknown): never => {
  if (error instanceof TenantRefused) {
    const status = /already exists/.test(error.reason) ? 409 : /there is no tenant/.test(error.reason) ? 404 : 400
    throw new Problem(status, error.reason, { hint: error.hint })
  }
  throw error
}

export interface AdminDeps {
  readonly registry: Registry
  readonly tenants: TenantServices
  /** Null: the admin routes are off. */
  readonly adminToken: string | null
  readonly env: NodeJS.ProcessEnv
}

export const adminRoutes = (deps: AdminDeps) => {
  const app = new Hono()
  app.use(async (c, next) => {
    if (deps.adminToken === null) throw notFound("the admin routes are off: ILTSYNC_ADMIN_TOKEN is not set")
    const presented = bearerOf(c.req.header("authorization"))
    if (presented === null || !sameSecret(presented, deps.adminToken))
      throw new Problem(401, "the admin token is required", {}, { "www-authenticate": 'Bearer realm="iltsync-admin"' })
    return next()
  })
  app.get("/", async (c) => {
    const tenants = await deps.registry.list()
    return c.json({ tenants: tenants.map((tenant) => listed(tenant, deps.tenants)) })
  })
  app.post("/", async (c) => {
    const body = await decodeBody(c, NewTenantBody)
    const tenant = await deps.registry
      .add(body.name, {
        ...(body.operator === undefined ? {} : { operator: body.operator }),
        settings: body.settings ?? {},
      })
      .catch(refused)
    await deps.tenants.refresh()
    const operator = tenant.operators[0]
    return c.json(
      {
        ...listed(tenant, deps.tenants),
        operatorToken: operator?.token,
        webhookSecret: tenant.webhookSecret,
      },
      201,
    )
  })
  const setDisabled = (disabled: boolean) => async (c: { req: { param: (name: string) => string } }) => {
    const name = c.req.param("name")
    const changed = await deps.registry.setDisabled(name, disabled).catch(refused)
    await deps.tenants.refresh()
    const tenant = await deps.registry.find(name)
    return Response.json({ changed, ...(tenant === null ? {} : listed(tenant, deps.tenants)) })
  }
  app.post("/:name/disable", setDisabled(true))
  app.post("/:name/enable", setDisabled(false))
  app.post("/:name/tokens", async (c) => {
    const body = await decodeBody(c, NewTokenBody)
    const operator = body.operator ?? "operator"
    const token = await deps.registry.addOperator(c.req.param("name"), operator).catch(refused)
    await deps.tenants.refresh()
    return c.json({ tenant: c.req.param("name"), operator, operatorToken: token }, 201)
  })
  return app
}
