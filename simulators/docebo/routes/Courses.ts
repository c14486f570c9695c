import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import { courseDetailAnswer } from "../Answers.ts"
import { parseDoceboDate } from "../Dates.ts"
import { courseDefaults, courseFields, courseReadOnly } from "../Fields.ts"
import { learnSort, matchesSearch, readListQuery, sendList, sortFor, viewKey } from "../Listing.ts"
import type { DoceboSimState } from "../State.ts"
import { courseTypes, type DoceboCourse } from "../Types.ts"
import { type DoceboEnv, found, numericId, sendData } from "../Wire.ts"

const sortable = ["id_course", "name", "code", "course_type", "lang_code", "date_last_updated"]
const idOf = (course: DoceboCourse) => course.id_course

/**
 * `/learn/v1/courses` [seen]; the `course_type` and `updated_from` filters are [assumed]. Writes answer a result, not
 * the record [SDK `LearnCourseUpdateResponse`].
 */
export const courses = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const table = sim.store.courses
  const find = (id: string) => found(table.get(numericId(id, "Course")), "Course", id)

  app.get("/", (c) => {
    const query = readListQuery(c, sortable, "id_course", learnSort)
    const courseType = c.req.query("course_type") || null
    if (courseType !== null && !(courseTypes as string[]).includes(courseType)) {
      throw InvalidFields.of("course_type", `must be one of ${courseTypes.join(", ")}`)
    }
    const updatedFromParam = c.req.query("updated_from") || null
    const updatedFrom = updatedFromParam === null ? null : parseDoceboDate(updatedFromParam)
    if (Number.isNaN(updatedFrom)) throw InvalidFields.of("updated_from", "must be a date or a date and time")
    const view = table.view(viewKey(query, courseType, updatedFrom), () =>
      sortFor(
        [...table.values()].filter(
          (course) =>
            (courseType === null || course.course_type === courseType) &&
            (updatedFrom === null || parseDoceboDate(course.date_last_updated) >= updatedFrom) &&
            matchesSearch(query.searchText, course.name, course.code),
        ),
        query,
        idOf,
      ),
    )
    return sendList(c, query, view, idOf)
  })

  app.get("/:id", (c) => sendData(c, courseDetailAnswer(find(c.req.param("id")))))

  app.post("/", async (c) => {
    const input = parseCreate(await readJsonObject(c.req.raw), courseFields, courseDefaults, {
      ignored: courseReadOnly,
    })
    const course: DoceboCourse = { ...input, id_course: sim.store.nextId(table), date_last_updated: sim.nowText() }
    table.put(course)
    sim.emitCourse("course.created", course)
    return sendData(c, { id_course: course.id_course })
  })

  app.put("/:id", async (c) => {
    const existing = find(c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), courseFields, { ignored: courseReadOnly })
    const course: DoceboCourse = { ...existing, ...changes, date_last_updated: sim.nowText() }
    table.put(course)
    sim.emitCourse("course.updated", course)
    return sendData(c, { success: true })
  })

  app.delete("/:id", (c) => {
    const course = find(c.req.param("id"))
    sim.store.deleteCourse(course.id_course)
    sim.emitCourse("course.deleted", course)
    return sendData(c, { success: true })
  })

  return app
}
