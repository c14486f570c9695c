import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import { courseDefaults, courseFields, recordLocked } from "../Fields.ts"
import { addReadRoutes } from "../Listing.ts"
import type { ToSimState } from "../State.ts"
import type { ToCourse } from "../Types.ts"
import { found, sendData, type ToEnv } from "../Wire.ts"

/** `/api/v1/courses`: created and updated by the integration (Docebo masters courses); no webhook. */
export const courses = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const table = sim.store.courses
  addReadRoutes(app, table, "Course")

  app.post("/", async (c) => {
    const input = parseCreate(await readJsonObject(c.req.raw), courseFields, courseDefaults, { locked: recordLocked })
    const id = sim.store.newId("crs", (candidate) => table.has(candidate))
    const course = sim.store.insert<ToCourse>(table, { ...input, id })
    c.header("Location", `/api/v1/courses/${id}`)
    return sendData(c, course, 201)
  })

  app.patch("/:id", async (c) => {
    const existing = found(table.get(c.req.param("id")), "Course", c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), courseFields, { locked: recordLocked })
    return sendData(c, sim.store.update(table, existing, changes).record)
  })

  return app
}
