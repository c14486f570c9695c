/**
 * A domain tenant in the simulators' wire form, so that both simulators can be seeded with it. Every choice of how a
 * domain field becomes a vendor field is made here, once; the simulators fill in what the vendors derive (session
 * dates, join links, defaults) exactly as they do for any seed.
 */
import { Schema } from "effect"
import {
  CompletionMode,
  CourseType,
  type DoceboEvent,
  type DoceboSession,
  type DoceboSnapshot,
  isListed,
  type ToSession,
  type ToSnapshot,
  WebinarTool,
} from "../engine/Model.ts"
import type { DoceboSeed } from "../simulators/docebo/index.ts"
import type { ToSeed } from "../simulators/training-orchestra/index.ts"
import type { DomainTenant } from "./Tenant.ts"

/** An e-learning course: Docebo lists it, the domain model has no place for it, the sync must leave it alone. */
export interface ElearningCourse {
  readonly id: string
  readonly code: string
  readonly name: string
  readonly language: string
}

export interface SimulatorSeeds {
  readonly docebo: DoceboSeed
  readonly to: ToSeed
}

export interface SeedExtras {
  readonly elearningCourses?: ReadonlyArray<ElearningCourse>
}

type ItemOf<T extends ReadonlyArray<unknown> | undefined> = NonNullable<T>[number]
type DoceboSeedCourse = ItemOf<DoceboSeed["courses"]>
type DoceboSeedEvent = ItemOf<DoceboSeed["events"]>
type ToSeedSession = ItemOf<ToSeed["sessions"]>
type ToSeedSequence = ItemOf<ToSeedSession["sequences"]>

/** Docebo ids are numbers on the wire; the domain keeps them as text. */
const numeric = (id: string, what: string): number => {
  if (!/^[1-9]\d*$/.test(id)) throw new Error(`${what} id "${id}" is not a Docebo number`)
  return Number(id)
}
const numerics = (ids: ReadonlyArray<string>, what: string): number[] => ids.map((id) => numeric(id, what))
const nullableNumeric = (id: string | null, what: string): number | null => (id === null ? null : numeric(id, what))

/** Docebo sends times with seconds; Training Orchestra without. The domain accepts either, with or without a 0. */
const padded = (time: string): string => (time.length < 5 || time[1] === ":" ? `0${time}` : time)
const withSeconds = (time: string): string => (padded(time).length === 5 ? `${padded(time)}:00` : padded(time))
const withoutSeconds = (time: string): string => padded(time).slice(0, 5)

/** Drops the keys whose value is null, so that the simulator fills them in the way the vendor does. */
const withoutNulls = <T extends object>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null)) as {
    [K in keyof T]?: Exclude<T[K], null>
  }

const isWebinarTool = Schema.is(WebinarTool)

/** The simulator holds what Docebo is documented to send: a value the domain kept unlisted cannot seed it. */
const listed = <const L extends readonly [string, ...Array<string>]>(
  known: Schema.Literal<L>,
  value: string,
  what: string,
): L[number] => {
  if (!isListed(known, value)) throw new Error(`${what}: "${value}" is not a value the Docebo simulator knows`)
  return value
}
const listedOrNull = <const L extends readonly [string, ...Array<string>]>(
  known: Schema.Literal<L>,
  value: string | null,
  what: string,
): L[number] | null => (value === null ? null : listed(known, value, what))

const doceboCourse = (course: DoceboSnapshot["courses"][number]): DoceboSeedCourse => ({
  id_course: numeric(course.id, "course"),
  name: course.name,
  code: course.code,
  course_type: listed(CourseType, course.type, `course ${course.id}`) === "ilt" ? "classroom" : "webinar",
  lang_code: course.language,
})

const elearningCourse = (course: ElearningCourse): DoceboSeedCourse => ({
  id_course: numeric(course.id, "course"),
  name: course.name,
  code: course.code,
  course_type: "elearning",
  lang_code: course.language,
})

const doceboSession = (session: DoceboSession) => ({
  id: numeric(session.id, "session"),
  id_course: numeric(session.courseId, "course"),
  name: session.name,
  max_enroll: session.maxEnroll,
  min_enroll: session.minEnroll,
  instructors: numerics(session.instructors, "user"),
  completion_type: listedOrNull(CompletionMode, session.completionType, `session ${session.id}`),
  ...(session.code === undefined ? {} : { code: session.code }),
  enrolled: session.enrolled,
})

const doceboEvent = (session: DoceboSession, event: DoceboEvent): DoceboSeedEvent => ({
  id: numeric(event.id, "event"),
  id_session: numeric(session.id, "session"),
  name: event.name,
  day: event.day,
  time_begin: withSeconds(event.timeBegin),
  time_end: withSeconds(event.timeEnd),
  timezone: event.timezone,
  id_location: nullableNumeric(event.locationId, "location"),
  id_classroom: nullableNumeric(event.classroomId, "classroom"),
  tool: listedOrNull(WebinarTool, event.tool, `event ${event.id}`),
  webinar_account_id: nullableNumeric(event.webinarAccountId, "webinar account"),
  // Unknown duration and join link are left to the simulator: Docebo derives one and makes a meeting for the other.
  ...withoutNulls({ duration: event.durationMinutes, join_url: event.joinUrl }),
  instructors: numerics(event.instructors, "user"),
})

export const toDoceboSeed = (docebo: DoceboSnapshot, extras: SeedExtras = {}): DoceboSeed => ({
  courses: [...docebo.courses.map(doceboCourse), ...(extras.elearningCourses ?? []).map(elearningCourse)],
  sessions: docebo.sessions.map(doceboSession),
  events: docebo.sessions.flatMap((session) => session.events.map((event) => doceboEvent(session, event))),
  locations: docebo.locations.map((location) => ({
    id_location: numeric(location.id, "location"),
    name: location.name,
    address: location.address,
    iso_code_country: location.countryCode,
  })),
  classrooms: docebo.classrooms.map((classroom) => ({
    id_classroom: numeric(classroom.id, "classroom"),
    id_location: numeric(classroom.locationId, "location"),
    name: classroom.name,
    seats: classroom.seats,
  })),
  users: docebo.users.map((user) => ({
    user_id: numeric(user.id, "user"),
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    is_instructor: user.isInstructor ? 1 : 0,
  })),
  webinar_accounts: docebo.webinarAccounts.map((account) => ({
    id: numeric(account.id, "webinar account"),
    tool: listed(WebinarTool, account.tool, `webinar account ${account.id}`),
    name: account.name,
    email: account.email,
  })),
})

/** A slot's own trainer and room are only sent when it has them: TO gives a sequence its session's otherwise. */
const toSequence = (slot: ToSession["slots"][number]): ToSeedSequence => ({
  id: slot.id,
  day: slot.day,
  start: withoutSeconds(slot.start),
  end: withoutSeconds(slot.end),
  timezone: slot.timezone,
  ...withoutNulls({ duration_minutes: slot.durationMinutes, trainer_id: slot.trainerId, room_id: slot.roomId }),
})

const toSession = (session: ToSession): ToSeedSession => ({
  id: session.id,
  course_id: session.courseId,
  name: session.name,
  status: session.status,
  modality: session.modality,
  min_participants: session.minParticipants,
  max_participants: session.maxParticipants,
  trainer_id: session.trainerId,
  location_id: session.locationId,
  room_id: session.roomId,
  completion_mode: session.completionMode,
  sequences: session.slots.map(toSequence),
  needs_reconfiguration: session.needsReconfiguration,
  external_ref: session.externalRef,
})

/** TO keeps a training provider and its site 1:1; a tenant that breaks that cannot be seeded. */
const required = <T>(value: T | null, what: string): T => {
  if (value === null) throw new Error(`${what} is required by Training Orchestra`)
  return value
}

export const toToSeed = (to: ToSnapshot): ToSeed => ({
  courses: to.courses.map((course) => ({
    id: course.id,
    code: course.code,
    title: course.title,
    modality: course.modality,
    language: course.language,
    active: course.active,
    external_ref: course.externalRef,
  })),
  training_providers: to.trainingProviders.map((provider) => ({
    id: provider.id,
    name: provider.name,
    site_id: required(provider.siteId, `training provider ${provider.id}: site`),
    active: provider.active,
  })),
  sites: to.sites.map((site) => ({
    id: site.id,
    name: site.name,
    address: site.address,
    city: site.city,
    country: site.country,
    training_provider_id: required(site.trainingProviderId, `site ${site.id}: training provider`),
  })),
  trainers: to.trainers.map((trainer) => ({
    id: trainer.id,
    first_name: trainer.firstName,
    last_name: trainer.lastName,
    email: trainer.email,
    training_provider_id: trainer.trainingProviderId,
    active: trainer.active,
    external_ref: trainer.externalRef,
  })),
  locations: to.locations.map((location) => ({
    id: location.id,
    name: location.name,
    address: location.address,
    city: location.city,
    country: location.country,
  })),
  rooms: to.rooms.map((room) => {
    const tool = room.webinarTool
    if (tool !== null && !isWebinarTool(tool)) throw new Error(`room ${room.id}: "${tool}" is not a webinar tool`)
    return {
      id: room.id,
      location_id: room.locationId,
      name: room.name,
      seats: room.seats,
      kind: room.kind,
      webinar_tool: tool,
      active: room.active,
      external_ref: room.externalRef,
    }
  }),
  sessions: to.sessions.map(toSession),
})

/** Both simulators' seeds for a tenant; `extras` adds what the domain model cannot hold (e-learning courses). */
export const toSimulatorSeeds = (tenant: DomainTenant, extras: SeedExtras = {}): SimulatorSeeds => ({
  docebo: toDoceboSeed(tenant.docebo, extras),
  to: toToSeed(tenant.to),
})
