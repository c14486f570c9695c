import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../../shared/Errors.ts"
import { parsePatch } from "../../shared/Fields.ts"
import { eventAnswer } from "../Answers.ts"
import { eventChanges } from "../EventInput.ts"
import { eventFields, eventReadOnly } from "../Fields.ts"
import { matchesSearch, readListQuery, sendList, sortFor } from "../Listing.ts"
import { insertEvent, readNewEvent, updateEvent } from "../SessionWrites.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboEvent } from "../Types.ts"
import { type DoceboEnv, found, numericId, sendData } from "../Wire.ts"

const sortable = ["id", "name", "day", "time_begin", "time_end"]
const idOf = (event: DoceboEvent) => event.id

/**
 * `/course/v1/sessions/{id}/events[/{event_id}]`: the dated events of one session, read and written in the same
 * shape (DOCEBO-API.md); writes answer a result or the new id, not the record.
 */
export const events = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const findSession = (id: string) => found(sim.store.sessions.get(numericId(id, "Session")), "Session", id)
  const findEvent = (sessionId: number, id: string) => {
    const event = sim.store.events.get(numericId(id, "Event"))
    return found(event?.id_session === sessionId ? event : undefined, "Event", id)
  }
  const answer = (event: DoceboEvent) => eventAnswer(sim.store, event)

  app.get("/:id/events", (c) => {
    const session = findSession(c.req.param("id"))
    const query = readListQuery(c, sortable, "day")
    const rows = sim.store.eventsOf(session.id).filter((event) => matchesSearch(query.searchText, event.name))
    return sendList(c, query, sortFor(rows, query, idOf), idOf, answer)
  })

  app.get("/:id/events/:eventId", (c) => {
    const session = findSession(c.req.param("id"))
    return sendData(c, answer(findEvent(session.id, c.req.param("eventId"))))
  })

  app.post("/:id/events", async (c) => {
    const session = findSession(c.req.param("id"))
    const problems: FieldProblem[] = []
    const input = readNewEvent(sim, await readJsonObject(c.req.raw), problems)
    if (!input || problems.length > 0) throw new InvalidFields(problems)
    return sendData(c, { id: insertEvent(sim, session.id, input).id })
  })

  app.put("/:id/events/:eventId", async (c) => {
    const session = findSession(c.req.param("id"))
    const existing = findEvent(session.id, c.req.param("eventId"))
    const write = parsePatch(await readJsonObject(c.req.raw), eventFields, { ignored: eventReadOnly })
    updateEvent(sim, existing, eventChanges(write))
    return sendData(c, { success: true })
  })

  app.delete("/:id/events/:eventId", (c) => {
    const session = findSession(c.req.param("id"))
    sim.store.deleteEvent(findEvent(session.id, c.req.param("eventId")).id)
    return sendData(c, { success: true })
  })

  return app
}
