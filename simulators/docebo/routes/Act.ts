import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { int, parseCreate, parsePatch } from "../../shared/Fields.ts"
import { sessionFields, sessionReadOnly, webinarAccountFields } from "../Fields.ts"
import { createSession, updateSession } from "../SessionWrites.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboWebinarAccount } from "../Types.ts"
import { type DoceboEnv, found, sendData } from "../Wire.ts"

const readId = (body: Record<string, unknown>, field: string): number => {
  const value = body[field]
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw InvalidFields.of(field, "must be an id")
  return value
}

/**
 * `POST /__sim/act`: what a Docebo admin does in Docebo's own UI. Webhooks follow the spec's list of events: a session
 * made, changed or deleted in Docebo raises `ilt.session.created|updated|deleted`; webinar accounts and enrollments
 * have no event.
 */
export const act = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()

  app.post("/act", async (c) => {
    const body = await readJsonObject(c.req.raw)
    switch (body.action) {
      case "add_webinar_account": {
        const input = parseCreate(body.account, webinarAccountFields, {}, { prefix: "account." })
        const account: DoceboWebinarAccount = { ...input, id: sim.store.nextId(sim.store.webinarAccounts) }
        sim.store.webinarAccounts.put(account)
        return sendData(c, account)
      }
      case "enroll": {
        const sessionId = readId(body, "session_id")
        const session = found(sim.store.sessions.get(sessionId), "Session", sessionId)
        const count = parseCreate({ count: body.count }, { count: int(1) }, {}).count
        const enrolled = { ...session, enrolled: session.enrolled + count }
        sim.store.putSession(enrolled)
        return sendData(c, enrolled)
      }
      case "create_session": {
        const session = createSession(sim, readId(body, "course_id"), body.session)
        sim.emitSession("ilt.session.created", session)
        return sendData(c, session)
      }
      // An admin changing a session in Docebo's UI, a synced copy included (iltsync is to put it back).
      case "edit_session": {
        const session = found(sim.store.sessions.get(readId(body, "session_id")), "Session", String(body.session_id))
        const changes = parsePatch(body.changes, sessionFields, { prefix: "changes.", ignored: sessionReadOnly })
        const edited = updateSession(sim, session, changes)
        sim.emitSession("ilt.session.updated", edited)
        return sendData(c, edited)
      }
      // Docebo's UI asks before deleting a session with learners, and deletes it: no `force` here.
      case "delete_session": {
        const session = found(sim.store.sessions.get(readId(body, "session_id")), "Session", String(body.session_id))
        sim.store.deleteSession(session.id)
        sim.emitSession("ilt.session.deleted", session)
        return sendData(c, session)
      }
      default:
        throw InvalidFields.of(
          "action",
          "must be add_webinar_account, enroll, create_session, edit_session or delete_session",
        )
    }
  })

  return app
}
