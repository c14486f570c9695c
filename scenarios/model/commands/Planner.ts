/** What a TO planner does: sessions scheduled, validated, moved, sent back to draft or cancelled; places edited. */
import { fresh, liveCourse, type Model, statusMayChange } from "../Model.ts"
import type { World } from "../World.ts"
import { Command, pick } from "./Command.ts"

const act = async (world: World, body: object) => (await world.inProcess.toAct(body)).status === 200

const sessionIds = (model: Model) => [...model.sessions.keys()]

export class ScheduleSession extends Command {
  constructor(
    readonly course: number,
    readonly trainer: number,
    readonly room: number,
    readonly day: number,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const to = world.to()
    const course = pick(
      to.courses.filter((c) => c.active && liveCourse(model, c.external_ref)),
      this.course,
    )
    const activeProviders = new Set(to.training_providers.filter((p) => p.active).map((p) => p.id))
    const trainer = pick(
      to.trainers.filter((t) => t.active && activeProviders.has(t.training_provider_id ?? "")),
      this.trainer,
    )
    // A legacy webinar course's sessions are online; an ILT course's are onsite or online, as the room says.
    const room = pick(
      to.rooms.filter((r) => r.active && (course?.modality !== "online" || r.kind === "virtual")),
      this.room,
    )
    if (course === undefined || trainer === undefined || room === undefined) return
    const modality = room.kind === "virtual" ? "online" : "onsite"
    const day = `2027-0${3 + (this.day % 6)}-${String(10 + (this.day % 18)).padStart(2, "0")}`
    const answer = await world.inProcess.toAct({
      action: "schedule_session",
      session: {
        course_id: course.id,
        name: fresh(model, "Session "),
        modality,
        min_participants: modality === "onsite" ? 4 : null,
        max_participants: 12,
        trainer_id: trainer.id,
        location_id: room.location_id,
        room_id: room.id,
        completion_mode: modality === "online" ? "attendance" : null,
        sequences: [{ day, start: "09:00", end: "12:00", timezone: "Europe/Paris" }],
      },
    })
    if (answer.status === 200) model.sessions.set(String(answer.body.data?.id), { status: "in_qualification" })
  }
  toString() {
    return `ScheduleSession(course ${this.course}, trainer ${this.trainer}, room ${this.room}, day ${this.day})`
  }
}

export class ValidateSession extends Command {
  constructor(readonly session: number) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(sessionIds(model), this.session)
    if (id === undefined || !statusMayChange(model, world, id)) return
    if (await act(world, { action: "validate_session", id })) model.sessions.set(id, { status: "validated" })
  }
  toString() {
    return `ValidateSession(${this.session})`
  }
}

export class MoveSession extends Command {
  constructor(
    readonly session: number,
    readonly days: number,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(sessionIds(model), this.session)
    const session = world.to().sessions.find((candidate) => candidate.id === id)
    if (session === undefined) return
    const shift = (day: string) => new Date(Date.parse(day) + this.days * 86_400_000).toISOString().slice(0, 10)
    const sequences = session.sequences.map((sequence) => ({ ...sequence, day: shift(sequence.day) }))
    await act(world, {
      action: "update_session",
      id: session.id,
      changes: { sequences, max_participants: 10 + this.days },
    })
  }
  toString() {
    return `MoveSession(${this.session}, ${this.days} days)`
  }
}

export class SessionBackToDraft extends Command {
  constructor(readonly session: number) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(sessionIds(model), this.session)
    if (id === undefined || model.sessions.get(id)?.status === "cancelled" || !statusMayChange(model, world, id)) return
    if (await act(world, { action: "update_session", id, changes: { status: "in_qualification" } }))
      model.sessions.set(id, { status: "in_qualification" })
  }
  toString() {
    return `SessionBackToDraft(${this.session})`
  }
}

export class CancelSession extends Command {
  constructor(readonly session: number) {
    super()
  }
  async run(model: Model, world: World) {
    const id = pick(sessionIds(model), this.session)
    if (id === undefined || !statusMayChange(model, world, id)) return
    if (await act(world, { action: "cancel_session", id })) model.sessions.set(id, { status: "cancelled" })
  }
  toString() {
    return `CancelSession(${this.session})`
  }
}

export class EditLocation extends Command {
  constructor(readonly location: number) {
    super()
  }
  async run(model: Model, world: World) {
    const location = pick(world.to().locations, this.location)
    if (location !== undefined)
      await act(world, {
        action: "upsert_location",
        location: { id: location.id, name: fresh(model, "Centre "), address: fresh(model, "Street ") },
      })
  }
  toString() {
    return `EditLocation(${this.location})`
  }
}

export class AddLocationWithRoom extends Command {
  async run(model: Model, world: World) {
    const answer = await world.inProcess.toAct({
      action: "upsert_location",
      location: { name: fresh(model, "New centre "), address: "1 Rue Neuve", city: "Nantes", country: "FR" },
    })
    if (answer.status !== 200) return
    await act(world, {
      action: "upsert_room",
      room: { location_id: answer.body.data?.id, name: fresh(model, "Room "), seats: 10, kind: "physical" },
    })
  }
  toString() {
    return "AddLocationWithRoom"
  }
}

export class EditRoom extends Command {
  constructor(
    readonly room: number,
    readonly seats: number,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const room = pick(
      world.to().rooms.filter((candidate) => candidate.kind === "physical"),
      this.room,
    )
    if (room !== undefined)
      await act(world, { action: "upsert_room", room: { id: room.id, name: fresh(model, "Room "), seats: this.seats } })
  }
  toString() {
    return `EditRoom(${this.room}, ${this.seats} seats)`
  }
}

export class EditProviderSite extends Command {
  constructor(readonly provider: number) {
    super()
  }
  async run(model: Model, world: World) {
    const provider = pick(world.to().training_providers, this.provider)
    if (provider?.site_id)
      await act(world, { action: "update_site", id: provider.site_id, changes: { address: fresh(model, "Avenue ") } })
  }
  toString() {
    return `EditProviderSite(${this.provider})`
  }
}

/** TO's planner renames a training provider (TO is its master: iltsync only follows). */
export class RenameProvider extends Command {
  constructor(readonly provider: number) {
    super()
  }
  async run(model: Model, world: World) {
    const provider = pick(world.to().training_providers, this.provider)
    if (provider === undefined) return
    const name = fresh(model, "Renamed provider ")
    if (!(await act(world, { action: "update_training_provider", id: provider.id, changes: { name } }))) return
    const active = model.providers.get(provider.name)
    model.providers.delete(provider.name)
    if (active !== undefined) model.providers.set(name, active)
    for (const [userId, trainer] of model.trainers)
      if (trainer.provider === provider.name) model.trainers.set(userId, { ...trainer, provider: name })
  }
  toString() {
    return `RenameProvider(${this.provider})`
  }
}
