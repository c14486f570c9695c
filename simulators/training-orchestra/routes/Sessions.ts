import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { parsePatch } from "../../shared/Fields.ts"
import { sessionLocked, sessionPatchFields } from "../Fields.ts"
import { addReadRoutes } from "../Listing.ts"
import type { ToSimState } from "../State.ts"
import { found, sendData, type ToEnv } from "../Wire.ts"

/** `/api/v1/sessions`: the planner's schedule; the API may only PATCH `external_ref` and `needs_reconfiguration`. */
export const sessions = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const table = sim.store.sessions
  addReadRoutes(app, table, "Session")

  app.patch("/:id", async (c) => {
    const existing = found(table.get(c.req.param("id")), "Session", c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), sessionPatchFields, { locked: sessionLocked })
    const { record, changed } = sim.store.update(table, existing, changes)
    if (changed) sim.emit("session.updated", record.id)
    return sendData(c, record)
  })

  return app
}
