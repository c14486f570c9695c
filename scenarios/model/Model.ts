/**
 * The model: what each side should hold once a clean full reconcile has run, kept as small as the rules are. It
 * records what people did (courses, session statuses, enrollments, trainers, providers), never how iltsync does it;
 * Expectations.ts reads the systems against it.
 */
import { stampOfCode } from "../../engine/Stamps.ts"
import type { KnownBugs } from "./KnownBugs.ts"
import type { World } from "./World.ts"

export interface ModelCourse {
  readonly code: string
  readonly type: "classroom" | "webinar"
  readonly deleted: boolean
}

export interface ModelTrainer {
  readonly active: boolean
  readonly email: string
  readonly provider: string
}

export interface Model {
  /** Docebo's ILT and VILT courses by id. */
  readonly courses: Map<string, ModelCourse>
  /** TO sessions by id, with their status. */
  readonly sessions: Map<string, { readonly status: "in_qualification" | "validated" | "cancelled" }>
  /** Learners enrolled on the Docebo copy of a TO session since it was (re)made. */
  readonly enrolled: Map<string, number>
  /** Sessions made directly in Docebo (by id), as they were made: never to be touched. */
  readonly natives: Map<string, { readonly course: string; readonly made: string }>
  /** Trainers by Docebo user id. */
  readonly trainers: Map<string, ModelTrainer>
  /** Training providers by name: whether the operator wants them active. */
  readonly providers: Map<string, boolean>
  /** Learners not yet made trainers. */
  readonly learners: string[]
  /** Session statuses as the last clean full reconcile left them. */
  readonly settled: Map<string, string>
  /** Which known bugs the history may trigger (KnownBugs.ts). */
  readonly bugs: KnownBugs
  /** A fault is switched on in either simulator. */
  faulty: boolean
  /** Fresh values for names and codes. */
  counter: number
}

export const initialModel = (world: World, learners: ReadonlyArray<string>, bugs: KnownBugs): Model => {
  const docebo = world.docebo()
  const to = world.to()
  const providerName = new Map(to.training_providers.map((p) => [p.id, p.name]))
  return {
    courses: new Map(
      docebo.courses
        .filter((course) => course.course_type !== "elearning")
        .map((course) => [
          String(course.id_course),
          { code: course.code, type: course.course_type as ModelCourse["type"], deleted: false },
        ]),
    ),
    sessions: new Map(to.sessions.map((session) => [session.id, { status: session.status }])),
    enrolled: new Map(
      docebo.sessions.flatMap((session) =>
        stampOfCode(session.code) === null ? [] : [[stampOfCode(session.code) as string, session.enrolled] as const],
      ),
    ),
    natives: new Map(),
    trainers: new Map(
      to.trainers.flatMap((trainer) =>
        trainer.external_ref === null
          ? []
          : [
              [
                trainer.external_ref,
                {
                  active: trainer.active,
                  email: trainer.email,
                  provider: providerName.get(trainer.training_provider_id ?? "") ?? "",
                },
              ] as const,
            ],
      ),
    ),
    providers: new Map(to.training_providers.map((provider) => [provider.name, provider.active])),
    learners: [...learners],
    settled: new Map(to.sessions.map((session) => [session.id, session.status])),
    bugs,
    faulty: false,
    counter: 0,
  }
}

/** A course whose sessions reach Docebo: alive there, with a TO course made from it. */
export const liveCourse = (model: Model, doceboCourseId: string | null) => {
  const course = doceboCourseId === null ? undefined : model.courses.get(doceboCourseId)
  return course !== undefined && !course.deleted
}

export const fresh = (model: Model, prefix: string) => {
  model.counter += 1
  return `${prefix}${model.counter}`
}

/** The Docebo course a TO session belongs to, by the stamp on its TO course. */
export const doceboCourseOfSession = (world: World, sessionId: string) => {
  const to = world.to()
  const session = to.sessions.find((candidate) => candidate.id === sessionId)
  return to.courses.find((course) => course.id === session?.course_id)?.external_ref ?? null
}

/** Whether the history steers around the bugs of a deleted course's sessions (KnownBugs.ts). */
const steersAroundDeletedCourses = (model: Model) =>
  !(model.bugs.deletedCourseSessionsRead && model.bugs.deletedCourseInWebhookRun)

/** Whether the planner may change this session's status: not, while steering, when its course is deleted in Docebo. */
export const statusMayChange = (model: Model, world: World, sessionId: string) =>
  !steersAroundDeletedCourses(model) || liveCourse(model, doceboCourseOfSession(world, sessionId))

/** Whether the admin may delete this course: not, while steering, when a session's status is not settled yet. */
export const courseMayBeDeleted = (model: Model, world: World, courseId: string) =>
  !steersAroundDeletedCourses(model) ||
  world
    .to()
    .sessions.filter((session) => doceboCourseOfSession(world, session.id) === courseId)
    .every((session) => model.settled.get(session.id) === session.status)
