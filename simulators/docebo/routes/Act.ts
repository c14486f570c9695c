import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { int, parseCreate } from "../../shared/Fields.ts"
import { webinarAccountFields } from "../Fields.ts"
import { createSession } from "../SessionWrites.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboCourse, DoceboWebinarAccount } from "../Types.ts"
import { type DoceboEnv, found, sendData } from "../Wire.ts"

const readId = (body: Record<string, unknown>, field: string): number => {
  const value = body[field]
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw InvalidFields.of(field, "must be an id")
  return value
}

/**
 * `POST /__sim/act`: what a Docebo admin does in Docebo's own UI. Webhooks follow the spec's list of events: a session
 * made in Docebo raises `course.updated` for its course; webinar accounts and enrollments have no event.
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
        const courseId = readId(body, "course_id")
        const session = createSession(sim, courseId, body.session)
        sim.emitCourse("course.updated", sim.store.courses.get(courseId) as DoceboCourse)
        return sendData(c, session)
      }
      default:
        throw InvalidFields.of("action", "must be add_webinar_account, enroll or create_session")
    }
  })

  return app
}
