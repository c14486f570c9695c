import { Hono } from "hono"
import { isPlainObject, readJsonObject } from "../../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../../shared/Errors.ts"
import { collectProblems as collect, parseCreate, parsePatch } from "../../shared/Fields.ts"
import {
  providerCreateDefaults,
  providerCreateFields,
  providerLocked,
  providerPatchFields,
  siteDefaults,
  siteFields,
  siteLocked,
} from "../Fields.ts"
import { addReadRoutes } from "../Listing.ts"
import type { ToSimState } from "../State.ts"
import type { ToSite, ToTrainingProvider } from "../Types.ts"
import { found, sendData, type ToEnv } from "../Wire.ts"

/**
 * `/api/v1/training-providers`: a POST creates the provider and its site (1:1) and answers the provider with its
 * `site_id`; the optional `site` object gives the site's fields (its name defaults to the provider's).
 */
export const trainingProviders = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const { providers, sites } = sim.store
  addReadRoutes(app, providers, "Training provider")

  app.post("/", async (c) => {
    const body = await readJsonObject(c.req.raw)
    const problems: FieldProblem[] = []
    const input = collect(problems, () =>
      parseCreate(body, providerCreateFields, providerCreateDefaults, { locked: providerLocked, ignored: ["site"] }),
    )
    const siteBody = body.site ?? {}
    const site = collect(problems, () =>
      parseCreate(
        isPlainObject(siteBody) ? { name: input?.name ?? "", ...siteBody } : siteBody,
        siteFields,
        siteDefaults,
        { prefix: "site.", locked: siteLocked },
      ),
    )
    if (!input || !site || problems.length > 0) throw new InvalidFields(problems)
    const providerId = sim.store.newId("tp", (candidate) => providers.has(candidate))
    const siteId = sim.store.newId("site", (candidate) => sites.has(candidate))
    sim.store.insert<ToSite>(sites, { ...site, id: siteId, training_provider_id: providerId, external_ref: null })
    const provider = sim.store.insert<ToTrainingProvider>(providers, { ...input, id: providerId, site_id: siteId })
    sim.emit("training_provider.created", provider.id)
    c.header("Location", `/api/v1/training-providers/${providerId}`)
    return sendData(c, provider, 201)
  })

  app.patch("/:id", async (c) => {
    const existing = found(providers.get(c.req.param("id")), "Training provider", c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), providerPatchFields, { locked: providerLocked })
    const { record, changed } = sim.store.update(providers, existing, changes)
    if (changed) sim.emit("training_provider.updated", record.id)
    return sendData(c, record)
  })

  return app
}

/** `/api/v1/sites`: a provider's site; a change is announced as `training_provider.updated` of its provider. */
export const sitesRoutes = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const { sites } = sim.store
  addReadRoutes(app, sites, "Site")

  app.patch("/:id", async (c) => {
    const existing = found(sites.get(c.req.param("id")), "Site", c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), siteFields, { locked: siteLocked })
    const { record, changed } = sim.store.update(sites, existing, changes)
    if (changed) sim.emit("training_provider.updated", record.training_provider_id)
    return sendData(c, record)
  })

  return app
}
