/** What a Docebo admin does: courses made, renamed, re-coded or deleted; learners enrolled; a session made by hand. */
import { stampOfCode } from "../../../engine/Stamps.ts"
import { nativeRecord } from "../Expectations.ts"
import { courseMayBeDeleted, fresh, type Model } from "../Model.ts"
import type { World } from "../World.ts"
import { Command, forgetGoneCopies, pick } from "./Command.ts"

const liveCourses = (model: Model) => [...model.courses].filter(([, course]) => !course.deleted).map(([id]) => id)

const admin = (world: World, path: string, method: string, body?: object) => world.admin(path, method, body)

export class CreateCourse extends Command {
  constructor(
    readonly type: "classroom" | "webinar",
    readonly withCode: boolean,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const code = this.withCode ? fresh(model, "NEW-") : ""
    const made = await admin(world, "/learn/v1/courses", "POST", {
      name: fresh(model, "Course "),
      code,
      course_type: this.type,
    })
    model.courses.set(String(made.id_course), { code, type: this.type, deleted: false })
  }
  toString() {
    return `CreateCourse(${this.type}, ${this.withCode ? "with a code" : "no code"})`
  }
}

export class RenameCourse extends Command {
  constructor(readonly course: number) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(liveCourses(model), this.course)
    if (id !== undefined) await admin(world, `/learn/v1/courses/${id}`, "PUT", { name: fresh(model, "Renamed ") })
  }
  toString() {
    return `RenameCourse(${this.course})`
  }
}

export class RecodeCourse extends Command {
  constructor(
    readonly course: number,
    readonly blank: boolean,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(liveCourses(model), this.course)
    const current = id === undefined ? undefined : model.courses.get(id)
    if (id === undefined || current === undefined) return
    const code = this.blank ? "" : fresh(model, "RCD-")
    await admin(world, `/learn/v1/courses/${id}`, "PUT", { code })
    model.courses.set(id, { ...current, code })
  }
  toString() {
    return `RecodeCourse(${this.course}, ${this.blank ? "blank" : "new code"})`
  }
}

export class DeleteCourse extends Command {
  constructor(readonly course: number) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(liveCourses(model), this.course)
    const current = id === undefined ? undefined : model.courses.get(id)
    if (id === undefined || current === undefined || !courseMayBeDeleted(model, world, id)) return
    await admin(world, `/learn/v1/courses/${id}`, "DELETE")
    model.courses.set(id, { ...current, deleted: true })
    // Docebo deletes a course's sessions with it: that is the admin's doing, not a sync's.
    forgetGoneCopies(model, world)
  }
  toString() {
    return `DeleteCourse(${this.course})`
  }
}

export class Enroll extends Command {
  constructor(
    readonly session: number,
    readonly learners: number,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const copies = world.docebo().sessions.filter((session) => stampOfCode(session.code) !== null)
    const copy = pick(copies, this.session)
    const stamp = stampOfCode(copy?.code)
    if (copy === undefined || stamp === null) return
    const answer = await world.inProcess.doceboAct({ action: "enroll", session_id: copy.id, count: this.learners })
    if (answer.status !== 200) throw new Error(`enroll answered ${answer.status}`)
    model.enrolled.set(stamp, (model.enrolled.get(stamp) ?? 0) + this.learners)
  }
  toString() {
    return `Enroll(${this.session}, ${this.learners} learners)`
  }
}

export class CreateNativeSession extends Command {
  constructor(readonly course: number) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(liveCourses(model), this.course)
    if (id === undefined) return
    const answer = await world.inProcess.doceboAct({
      action: "create_session",
      course_id: Number(id),
      session: {
        name: fresh(model, "Made in Docebo "),
        max_enroll: 8,
        events: [
          { schedule: { date: "2027-09-01", time_begin: "09:00:00", time_end: "12:00:00", timezone: "Europe/Paris" } },
        ],
      },
    })
    if (answer.status !== 200) throw new Error(`create_session answered ${answer.status}`)
    const native = String(answer.body.data?.id)
    model.natives.set(native, { course: id, made: nativeRecord(world.docebo(), native) })
  }
  toString() {
    return `CreateNativeSession(${this.course})`
  }
}

/** A new webinar account in Docebo (no webhook announces it): the next full reconcile pushes it, unless Zoom v3. */
export class AddWebinarAccount extends Command {
  constructor(readonly tool: "teams" | "webex" | "zoom_v3") {
    super()
  }
  async run(model: Model, world: World) {
    const name = fresh(model, `${this.tool} account `)
    const answer = await world.inProcess.doceboAct({
      action: "add_webinar_account",
      account: { tool: this.tool, name, email: `${name.replaceAll(" ", ".")}@example.com` },
    })
    if (answer.status !== 200) throw new Error(`add_webinar_account answered ${answer.status}`)
    // Without Docebo's accounts endpoint, the operator imports the new list, as the account's owner asks.
    await world.inProcess.importWebinarAccountsIfNeeded()
  }
  toString() {
    return `AddWebinarAccount(${this.tool})`
  }
}
