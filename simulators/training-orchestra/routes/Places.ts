import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import { roomDefaults, roomFields, roomLocked, virtualRoomPatchFields } from "../Fields.ts"
import { addReadRoutes } from "../Listing.ts"
import type { ToSimState } from "../State.ts"
import type { ToRoom } from "../Types.ts"
import { found, sendData, type ToEnv } from "../Wire.ts"

/** `/api/v1/locations`: read-only; locations are TO users' work (`/__sim/act upsert_location`). */
export const locations = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  addReadRoutes(app, sim.store.locations, "Location")
  return app
}

/**
 * `/api/v1/rooms`: physical rooms are TO users' work; through the API a client creates and updates virtual rooms
 * (one per Docebo webinar account), and only their writable fields.
 */
export const rooms = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const table = sim.store.rooms
  addReadRoutes(app, table, "Room")

  app.post("/", async (c) => {
    const body = await readJsonObject(c.req.raw)
    const input = parseCreate(
      body,
      roomFields,
      { ...roomDefaults, kind: "virtual" },
      { locked: ["id", "created_at", "updated_at"] },
    )
    if (input.kind !== "virtual") throw InvalidFields.of("kind", "only virtual rooms can be created through the API")
    if (input.location_id !== null) throw InvalidFields.of("location_id", "must be null for a virtual room")
    if (input.webinar_tool === null) throw InvalidFields.of("webinar_tool", "is required for a virtual room")
    const id = sim.store.newId("room", (candidate) => table.has(candidate))
    const room = sim.store.insert<ToRoom>(table, { ...input, id })
    sim.emit("room.created", room.id)
    c.header("Location", `/api/v1/rooms/${id}`)
    return sendData(c, room, 201)
  })

  app.patch("/:id", async (c) => {
    const existing = found(table.get(c.req.param("id")), "Room", c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), virtualRoomPatchFields, { locked: roomLocked })
    if (existing.kind !== "virtual") {
      throw InvalidFields.of("kind", "physical rooms cannot be changed through the API")
    }
    if (changes.webinar_tool === null) throw InvalidFields.of("webinar_tool", "is required for a virtual room")
    const { record, changed } = sim.store.update(table, existing, changes)
    if (changed) sim.emit("room.updated", record.id)
    return sendData(c, record)
  })

  return app
}
