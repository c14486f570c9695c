import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import { classroomDefaults, classroomFields, classroomReadOnly } from "../Fields.ts"
import { learnSort, matchesSearch, readListQuery, sendList, sortFor, viewKey } from "../Listing.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboClassroom } from "../Types.ts"
import { type DoceboEnv, found, numericId, sendData } from "../Wire.ts"

const sortable = ["id_classroom", "id_location", "name", "seats"]
const idOf = (classroom: DoceboClassroom) => classroom.id_classroom

/** `/learn/v1/classroom`: rooms of a location (GET [seen]; the `id_location` filter and writes [assumed]). */
export const classrooms = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const table = sim.store.classrooms
  const find = (id: string) => found(table.get(numericId(id, "Classroom")), "Classroom", id)
  const requireLocation = (id: number) => {
    if (!sim.store.locations.has(id)) throw InvalidFields.of("id_location", `location ${id} does not exist`)
  }

  app.get("/", (c) => {
    const query = readListQuery(c, sortable, "id_classroom", learnSort)
    const locationParam = c.req.query("id_location") || null
    const locationId = locationParam === null ? null : Number(locationParam)
    if (locationId !== null && !Number.isInteger(locationId)) throw InvalidFields.of("id_location", "must be an id")
    const view = table.view(viewKey(query, locationId), () =>
      sortFor(
        [...table.values()].filter(
          (classroom) =>
            (locationId === null || classroom.id_location === locationId) &&
            matchesSearch(query.searchText, classroom.name),
        ),
        query,
        idOf,
      ),
    )
    return sendList(c, query, view, idOf)
  })

  app.get("/:id", (c) => sendData(c, find(c.req.param("id"))))

  app.post("/", async (c) => {
    const input = parseCreate(await readJsonObject(c.req.raw), classroomFields, classroomDefaults, {
      ignored: classroomReadOnly,
    })
    requireLocation(input.id_location)
    const classroom: DoceboClassroom = { ...input, id_classroom: sim.store.nextId(table) }
    table.put(classroom)
    return sendData(c, { id_classroom: classroom.id_classroom })
  })

  app.put("/:id", async (c) => {
    const existing = find(c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), classroomFields, { ignored: classroomReadOnly })
    if (changes.id_location !== undefined) requireLocation(changes.id_location)
    const classroom: DoceboClassroom = { ...existing, ...changes }
    table.put(classroom)
    return sendData(c, { success: true })
  })

  return app
}
