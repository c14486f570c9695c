import type { Context } from "hono"
import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../../shared/Errors.ts"
import { int, type Parsed, parseCreate, parsePatch } from "../../shared/Fields.ts"
import { userCreateDefaults, userCreateFields, userUpdateFields } from "../Fields.ts"
import { matchesSearch, readListQuery, sendList, sortFor, viewKey } from "../Listing.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboUser } from "../Types.ts"
import { type DoceboEnv, found, numericId, sendData } from "../Wire.ts"

const sortable = ["user_id", "username", "first_name", "last_name", "email", "is_instructor"]
const idOf = (user: DoceboUser) => user.user_id

/** A user as the tenant answers it: without `is_instructor` where the tenant keeps no such flag (Profile.ts). */
const answerOf = (sim: DoceboSimState) => (user: DoceboUser) => {
  if (sim.profile.instructorFlag) return user
  const { is_instructor: _, ...answer } = user
  return answer
}

/** User writes report invalid input as HTTP 200 with `success: false` [seen]; clients must read the body. */
const refusedWrite = (c: Context, problems: readonly FieldProblem[]) =>
  sendData(c, { success: false, message: problems.map((problem) => ({ id: problem.field, message: problem.message })) })

const problemsOf = (read: () => void): FieldProblem[] => {
  try {
    read()
    return []
  } catch (error) {
    if (error instanceof InvalidFields) return [...error.problems]
    throw error
  }
}

type UserChanges = ReturnType<typeof parsePatch<typeof userUpdateFields>>

/** `/manage/v1/user` [seen]: list, read, create, update, and the batch update. */
export const users = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const table = sim.store.users
  const takenBy = (field: "email" | "username", value: string, except?: number) =>
    [...table.values()].some((user) => user.user_id !== except && user[field].toLowerCase() === value.toLowerCase())

  const applyChanges = (existing: DoceboUser, changes: UserChanges): DoceboUser | FieldProblem[] => {
    if (changes.email !== undefined && takenBy("email", changes.email, existing.user_id)) {
      return [{ field: "email", message: "is already used by another user" }]
    }
    const user: DoceboUser = {
      ...existing,
      first_name: changes.firstname ?? existing.first_name,
      last_name: changes.lastname ?? existing.last_name,
      email: changes.email ?? existing.email,
      // A tenant without the flag ignores it, as it would any field it does not have.
      is_instructor: sim.profile.instructorFlag
        ? (changes.is_instructor ?? existing.is_instructor)
        : existing.is_instructor,
    }
    table.put(user)
    return user
  }

  app.get("/", (c) => {
    const query = readListQuery(c, sortable, "user_id")
    const view = table.view(viewKey(query), () =>
      sortFor(
        [...table.values()].filter((user) =>
          matchesSearch(query.searchText, user.username, user.first_name, user.last_name, user.email),
        ),
        query,
        idOf,
      ),
    )
    return sendList(c, query, view, idOf, answerOf(sim))
  })

  app.get("/:id", (c) =>
    sendData(c, answerOf(sim)(found(table.get(numericId(c.req.param("id"), "User")), "User", c.req.param("id")))),
  )

  app.post("/", async (c) => {
    const body = await readJsonObject(c.req.raw)
    let input: Parsed<typeof userCreateFields> = { ...userCreateDefaults, userid: "", email: "" }
    const problems = problemsOf(() => {
      input = parseCreate(body, userCreateFields, userCreateDefaults)
    })
    if (problems.length === 0 && takenBy("username", input.userid)) {
      problems.push({ field: "userid", message: "is already taken" })
    }
    if (problems.length === 0 && takenBy("email", input.email)) {
      problems.push({ field: "email", message: "is already used by another user" })
    }
    if (problems.length > 0) return refusedWrite(c, problems)
    const user: DoceboUser = {
      user_id: sim.store.nextId(table),
      username: input.userid,
      first_name: input.firstname,
      last_name: input.lastname,
      email: input.email,
      level: "user",
      status: "1",
      is_instructor: sim.profile.instructorFlag ? input.is_instructor : 0,
    }
    table.put(user)
    sim.emitUser("user.created", user)
    return sendData(c, { success: true, user_id: user.user_id })
  })

  app.put("/:id", async (c) => {
    const existing = found(table.get(numericId(c.req.param("id"), "User")), "User", c.req.param("id"))
    const body = await readJsonObject(c.req.raw)
    let changes: UserChanges = {}
    const problems = problemsOf(() => {
      changes = parsePatch(body, userUpdateFields)
    })
    if (problems.length > 0) return refusedWrite(c, problems)
    const result = applyChanges(existing, changes)
    if (Array.isArray(result)) return refusedWrite(c, result)
    sim.emitUser("user.updated", result)
    return sendData(c, { success: true, updated_id: result.user_id })
  })

  // One of Docebo's `/batch` routes: the simulator refuses a second one while this runs (see the batch guard).
  app.post("/batch", async (c) => {
    const body = await readJsonObject(c.req.raw)
    if (!Array.isArray(body.items)) throw InvalidFields.of("items", "must be an array")
    const results = body.items.map((item: unknown, rowIndex: number) => {
      let userId = 0
      let changes: UserChanges = {}
      const problems = problemsOf(() => {
        const { user_id, ...rest } = parsePatch(item, { ...userUpdateFields, user_id: int(1) })
        userId = user_id ?? 0
        changes = rest
      })
      const existing = table.get(userId)
      if (problems.length === 0 && !existing) problems.push({ field: "user_id", message: "is missing or unknown" })
      const result = existing && problems.length === 0 ? applyChanges(existing, changes) : problems
      if (Array.isArray(result)) {
        const message = result.map((problem) => `${problem.field}: ${problem.message}`).join("; ")
        return { row_index: rowIndex, success: false, message }
      }
      sim.emitUser("user.updated", result, true)
      return { row_index: rowIndex, success: true, user_id: result.user_id }
    })
    return sendData(c, results)
  })

  return app
}
