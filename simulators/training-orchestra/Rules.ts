import type { FieldProblem } from "../shared/Errors.ts"
import { InvalidFields } from "../shared/Errors.ts"
import { createReader, type Parsed } from "../shared/Fields.ts"
import { sequenceDefaults, sequenceFields } from "./Fields.ts"
import type { ToCourse, ToLocation, ToRoom, ToSequence, ToSession, ToTrainer, ToTrainingProvider } from "./Types.ts"

/** Where the rules look up the other records: the live store, or a seed being checked. */
export interface ToLookups {
  course(id: string): ToCourse | undefined
  trainer(id: string): ToTrainer | undefined
  provider(id: string): ToTrainingProvider | undefined
  location(id: string): ToLocation | undefined
  room(id: string): ToRoom | undefined
}

export type SequenceInput = Parsed<typeof sequenceFields>
type SessionShape = Omit<ToSession, "id" | "created_at" | "updated_at">

/** `HH:mm` as minutes since midnight (the format is checked before this is called). */
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

const readSequence = createReader(sequenceFields, sequenceDefaults)

/** Reads a `sequences` list, collecting problems named like `sequences[2].start`. */
export const readSequences = (raw: unknown, problems: FieldProblem[], prefix = "sequences"): SequenceInput[] => {
  if (!Array.isArray(raw)) {
    problems.push({ field: prefix, message: "must be an array" })
    return []
  }
  return raw.flatMap((item, index) => {
    try {
      return [readSequence(item, `${prefix}[${index}].`)]
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error
      problems.push(...error.problems)
      return []
    }
  })
}

/** A sequence keeps a given id, else takes a fresh one; trainer and room default to the session's. */
export const completeSequence = (
  input: SequenceInput,
  session: { trainer_id: string | null; room_id: string | null },
  newId: () => string,
): ToSequence => ({
  id: input.id ?? newId(),
  day: input.day,
  start: input.start,
  end: input.end,
  timezone: input.timezone,
  duration_minutes: input.duration_minutes ?? minutesOf(input.end) - minutesOf(input.start),
  trainer_id: input.trainer_id === undefined ? session.trainer_id : input.trainer_id,
  room_id: input.room_id === undefined ? session.room_id : input.room_id,
})

/** TO refuses a new session whose trainer, or whose trainer's training provider, is inactive. */
const inactiveTrainer = (lookups: ToLookups, trainerId: string | null, field: string): FieldProblem[] => {
  const trainer = trainerId === null ? undefined : lookups.trainer(trainerId)
  if (!trainer) return []
  if (!trainer.active) return [{ field, message: `trainer ${trainer.id} is inactive` }]
  const provider = trainer.training_provider_id === null ? undefined : lookups.provider(trainer.training_provider_id)
  if (provider && !provider.active) {
    return [{ field, message: `the training provider ${provider.id} of trainer ${trainer.id} is inactive` }]
  }
  return []
}

export const sessionProblems = (
  session: SessionShape,
  lookups: ToLookups,
  options: { isNew: boolean; prefix?: string },
): FieldProblem[] => {
  const prefix = options.prefix ?? ""
  const problems: FieldProblem[] = []
  const requireRecord = (id: string | null, field: string, what: string, exists: (id: string) => unknown) => {
    if (id !== null && !exists(id)) problems.push({ field: prefix + field, message: `${what} does not exist` })
  }
  requireRecord(session.course_id, "course_id", "course", lookups.course)
  requireRecord(session.trainer_id, "trainer_id", "trainer", lookups.trainer)
  requireRecord(session.location_id, "location_id", "location", lookups.location)
  requireRecord(session.room_id, "room_id", "room", lookups.room)
  if (options.isNew) problems.push(...inactiveTrainer(lookups, session.trainer_id, `${prefix}trainer_id`))
  const seen = new Set<string>()
  session.sequences.forEach((sequence, index) => {
    const at = `sequences[${index}].`
    if (minutesOf(sequence.end) <= minutesOf(sequence.start)) {
      problems.push({ field: `${prefix}${at}end`, message: "must be after start" })
    }
    if (seen.has(sequence.id)) problems.push({ field: `${prefix}${at}id`, message: "is a duplicate sequence id" })
    seen.add(sequence.id)
    requireRecord(sequence.trainer_id, `${at}trainer_id`, "trainer", lookups.trainer)
    requireRecord(sequence.room_id, `${at}room_id`, "room", lookups.room)
    if (options.isNew && sequence.trainer_id !== session.trainer_id) {
      problems.push(...inactiveTrainer(lookups, sequence.trainer_id, `${prefix}${at}trainer_id`))
    }
  })
  const { min_participants: min, max_participants: max } = session
  if (min !== null && max !== null && min > max) {
    problems.push({ field: `${prefix}min_participants`, message: "must not exceed max_participants" })
  }
  return problems
}
