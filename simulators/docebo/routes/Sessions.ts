import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { ApiError, InvalidFields } from "../../shared/Errors.ts"
import { parsePatch } from "../../shared/Fields.ts"
import { sessionAnswer, sessionDetailAnswer } from "../Answers.ts"
import { sessionFields, sessionReadOnly } from "../Fields.ts"
import { matchesSearch, readListQuery, sendList, sortFor } from "../Listing.ts"
import { sessionProblems } from "../Rules.ts"
import { createSession } from "../SessionWrites.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboSession } from "../Types.ts"
import { type DoceboEnv, found, numericId, sendData } from "../Wire.ts"

const sortable = ["id", "name", "code", "date_start", "date_end", "enrolled", "max_enroll", "min_enroll"]
const idOf = (session: DoceboSession) => session.id

/** ILT sessions under `/course/v1`: listed per course, then read, updated and deleted by id. */
export const sessions = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const findCourse = (id: string) => found(sim.store.courses.get(numericId(id, "Course")), "Course", id)
  const findSession = (id: string) => found(sim.store.sessions.get(numericId(id, "Session")), "Session", id)
  const answer = (session: DoceboSession) => sessionAnswer(sim.store, session)

  app.get("/courses/:id/sessions", (c) => {
    const course = findCourse(c.req.param("id"))
    const all = sim.store.sessionsOf(course.id_course)
    // Docebo answers a course without sessions with 400, not an empty list [seen: `databricks-academy/dbacademy`
    // `src/dbacademy/clients/docebo/sessions_api.py`].
    if (all.length === 0) throw new ApiError(400, `Course ${course.id_course} does not have sessions`)
    const query = readListQuery(c, sortable, "id")
    const rows = all.filter((session) => matchesSearch(query.searchText, session.name, session.code))
    return sendList(c, query, sortFor(rows, query, idOf), idOf, answer)
  })

  app.post("/courses/:id/sessions", async (c) => {
    const course = findCourse(c.req.param("id"))
    const session = createSession(sim, course.id_course, await readJsonObject(c.req.raw))
    return sendData(c, { id: session.id })
  })

  app.get("/sessions/:id", (c) => sendData(c, sessionDetailAnswer(sim.store, findSession(c.req.param("id")))))

  // Answers a result, not the record, as Docebo's writes do [SDK; seen for users].
  app.put("/sessions/:id", async (c) => {
    const existing = findSession(c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), sessionFields, { ignored: sessionReadOnly })
    const session: DoceboSession = { ...existing, ...changes }
    const problems = sessionProblems(session, sim.lookups)
    if (problems.length > 0) throw new InvalidFields(problems)
    sim.store.putSession(session)
    return sendData(c, { success: true })
  })

  // Deleting a session with learners would drop their enrollments: refused unless forced [assumed].
  app.delete("/sessions/:id", (c) => {
    const session = findSession(c.req.param("id"))
    const force = c.req.query("force") === "1" || c.req.query("force") === "true"
    if (session.enrolled > 0 && !force) {
      throw new ApiError(409, `Session ${session.id} has ${session.enrolled} enrolled learners; add ?force=1 to delete`)
    }
    sim.store.deleteSession(session.id)
    return sendData(c, { success: true })
  })

  return app
}
