import { isPlainObject } from "../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../shared/Errors.ts"
import { collectProblems, parseCreate, parsePatch } from "../shared/Fields.ts"
import { recordLocked, sessionDefaults, sessionFields } from "./Fields.ts"
import { completeSequence, readSequences, sessionProblems } from "./Rules.ts"
import type { ToSimState } from "./State.ts"
import type { ToSession } from "./Types.ts"
import { found } from "./Wire.ts"

const failIfAny = (problems: FieldProblem[]): void => {
  if (problems.length > 0) throw new InvalidFields(problems)
}

/** A planner schedules a session; refused (422) when its trainer or the trainer's provider is inactive. */
export const scheduleSession = (sim: ToSimState, raw: unknown): ToSession => {
  const problems: FieldProblem[] = []
  const input = collectProblems(problems, () =>
    parseCreate(raw, sessionFields, sessionDefaults, {
      prefix: "session.",
      ignored: ["sequences"],
      locked: recordLocked,
    }),
  )
  const rawSequences = isPlainObject(raw) ? (raw.sequences ?? []) : []
  const sequenceInputs = readSequences(rawSequences, problems, "session.sequences")
  if (!input) throw new InvalidFields(problems)
  failIfAny(problems)
  const session = {
    ...input,
    modality: input.modality ?? sim.lookups.course(input.course_id)?.modality ?? "onsite",
    sequences: sequenceInputs.map((sequence) => completeSequence(sequence, input, () => sim.store.newSequenceId())),
    id: sim.store.newId("ses", (candidate) => sim.store.sessions.has(candidate)),
  }
  failIfAny(sessionProblems(session, sim.lookups, { isNew: true, prefix: "session." }))
  const created = sim.store.insert<ToSession>(sim.store.sessions, session)
  sim.emit("session.created", created.id)
  return created
}

/**
 * A planner edits a session. A new `sequences` list replaces the old one: a sequence given with an `id` keeps it,
 * one without gets a fresh id.
 */
export const updateSession = (sim: ToSimState, id: string, raw: unknown): ToSession => {
  const existing = found(sim.store.sessions.get(id), "Session", id)
  const changes = parsePatch(raw, sessionFields, { prefix: "changes.", ignored: ["sequences"], locked: recordLocked })
  const next: ToSession = { ...existing, ...changes, modality: changes.modality ?? existing.modality }
  if (isPlainObject(raw) && "sequences" in raw) {
    const problems: FieldProblem[] = []
    const inputs = readSequences(raw.sequences, problems, "changes.sequences")
    failIfAny(problems)
    next.sequences = inputs.map((sequence) => completeSequence(sequence, next, () => sim.store.newSequenceId()))
  }
  failIfAny(sessionProblems(next, sim.lookups, { isNew: false, prefix: "changes." }))
  return changeStatus(sim, existing, next)
}

export const validateSession = (sim: ToSimState, id: string): ToSession => {
  const existing = found(sim.store.sessions.get(id), "Session", id)
  if (existing.status === "cancelled") throw InvalidFields.of("status", "a cancelled session cannot be validated")
  return changeStatus(sim, existing, { ...existing, status: "validated" })
}

export const cancelSession = (sim: ToSimState, id: string): ToSession => {
  const existing = found(sim.store.sessions.get(id), "Session", id)
  return changeStatus(sim, existing, { ...existing, status: "cancelled" })
}

/** Writes the session and announces it: `session.cancelled` when it became cancelled, else `session.updated`. */
const changeStatus = (sim: ToSimState, existing: ToSession, next: ToSession): ToSession => {
  const { id, created_at, updated_at, ...changes } = next
  const { record, changed } = sim.store.update(sim.store.sessions, existing, changes)
  if (changed) {
    const cancelled = record.status === "cancelled" && existing.status !== "cancelled"
    sim.emit(cancelled ? "session.cancelled" : "session.updated", record.id)
  }
  return record
}
