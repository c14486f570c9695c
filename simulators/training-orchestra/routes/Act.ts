import { Hono } from "hono"
import { isPlainObject, readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import {
  locationDefaults,
  locationFields,
  providerPatchFields,
  recordLocked,
  roomDefaults,
  roomFields,
  siteFields,
  siteLocked,
} from "../Fields.ts"
import { cancelSession, scheduleSession, updateSession, validateSession } from "../SessionWrites.ts"
import type { ToSimState } from "../State.ts"
import type { ToLocation, ToRoom } from "../Types.ts"
import { found, sendData, type ToEnv } from "../Wire.ts"

const actions = [
  "schedule_session",
  "update_session",
  "validate_session",
  "cancel_session",
  "upsert_location",
  "upsert_room",
  "update_training_provider",
  "update_site",
]

const readId = (body: Record<string, unknown>, field = "id"): string => {
  const value = body[field]
  if (typeof value !== "string" || value === "") throw InvalidFields.of(field, "must be a record id")
  return value
}

/** The record part of an upsert, and the id it names when it updates. */
const readUpsert = (body: Record<string, unknown>, field: string) => {
  const value = body[field]
  if (!isPlainObject(value)) throw InvalidFields.of(field, "must be an object")
  const { id, ...fields } = value
  if (id !== undefined && (typeof id !== "string" || id === "")) throw InvalidFields.of(`${field}.id`, "must be an id")
  return { id: id as string | undefined, fields }
}

/**
 * `POST /__sim/act`: what a planner does in Training Orchestra's own UI, each announced by its webhook when it creates
 * or changes a record.
 */
export const act = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const { store } = sim

  const checkRoomPlace = (room: Pick<ToRoom, "kind" | "location_id">) => {
    if (room.location_id !== null && !store.locations.has(room.location_id)) {
      throw InvalidFields.of("room.location_id", `location ${room.location_id} does not exist`)
    }
    if (room.kind === "physical" && room.location_id === null) {
      throw InvalidFields.of("room.location_id", "is required for a physical room")
    }
  }

  const perform = (body: Record<string, unknown>) => {
    switch (body.action) {
      case "schedule_session":
        return scheduleSession(sim, body.session)
      case "update_session":
        return updateSession(sim, readId(body), body.changes)
      case "validate_session":
        return validateSession(sim, readId(body))
      case "cancel_session":
        return cancelSession(sim, readId(body))
      case "upsert_location": {
        const { id, fields } = readUpsert(body, "location")
        const options = { prefix: "location.", locked: recordLocked }
        if (id === undefined) {
          const input = parseCreate(fields, locationFields, locationDefaults, options)
          const newId = store.newId("loc", (candidate) => store.locations.has(candidate))
          const location = store.insert<ToLocation>(store.locations, { ...input, id: newId, external_ref: null })
          sim.emit("location.created", location.id)
          return location
        }
        const existing = found(store.locations.get(id), "Location", id)
        const { record, changed } = store.update(store.locations, existing, parsePatch(fields, locationFields, options))
        if (changed) sim.emit("location.updated", record.id)
        return record
      }
      case "upsert_room": {
        const { id, fields } = readUpsert(body, "room")
        const options = { prefix: "room.", locked: recordLocked }
        if (id === undefined) {
          const input = parseCreate(fields, roomFields, roomDefaults, options)
          checkRoomPlace(input)
          const newId = store.newId("room", (candidate) => store.rooms.has(candidate))
          const room = store.insert<ToRoom>(store.rooms, { ...input, id: newId })
          sim.emit("room.created", room.id)
          return room
        }
        const existing = found(store.rooms.get(id), "Room", id)
        const changes = parsePatch(fields, roomFields, options)
        checkRoomPlace({ ...existing, ...changes })
        const { record, changed } = store.update(store.rooms, existing, changes)
        if (changed) sim.emit("room.updated", record.id)
        return record
      }
      case "update_training_provider": {
        const existing = found(store.providers.get(readId(body)), "Training provider", readId(body))
        const changes = parsePatch(body.changes, providerPatchFields, { prefix: "changes." })
        const { record, changed } = store.update(store.providers, existing, changes)
        if (changed) sim.emit("training_provider.updated", record.id)
        return record
      }
      case "update_site": {
        const existing = found(store.sites.get(readId(body)), "Site", readId(body))
        const changes = parsePatch(body.changes, siteFields, { prefix: "changes.", locked: siteLocked })
        const { record, changed } = store.update(store.sites, existing, changes)
        if (changed) sim.emit("training_provider.updated", record.training_provider_id)
        return record
      }
      default:
        throw InvalidFields.of("action", `must be one of ${actions.join(", ")}`)
    }
  }

  app.post("/act", async (c) => sendData(c, perform(await readJsonObject(c.req.raw))))
  return app
}
