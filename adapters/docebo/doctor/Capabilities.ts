/**
 * What iltsync relies on in Docebo, one entry each, in the order the doctor probes them: adding a capability is one
 * entry here (or in a module of its own, listed here).
 */
import { Effect, Either } from "effect"
import { observeProblem, observeSample, tokenCapability } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { Routes } from "../Routes.ts"
import { courseFilterCapabilities } from "./CourseFilters.ts"
import { horizonCapability } from "./Horizon.ts"
import { instructorMarkCapability } from "./InstructorMark.ts"
import { optionalEndpointCapabilities } from "./OptionalEndpoints.ts"
import type { DoceboDoctorContext } from "./Samples.ts"
import { stampsCapability } from "./Stamps.ts"

type Probe = (context: DoceboDoctorContext) => Effect.Effect<Observation>

/** A sample's observation, or how its call went wrong. */
const sampled =
  <A>(
    pick: (context: DoceboDoctorContext) => Effect.Effect<A, Parameters<typeof observeProblem>[0]>,
    observe: (read: A) => Observation,
  ): Probe =>
  (context) =>
    Effect.map(Effect.either(pick(context)), (read) =>
      Either.isLeft(read) ? observeProblem(read.left) : observe(read.right),
    )

const noSessions = (courses: ReadonlyArray<string>) =>
  courses.length === 0 ? "" : `; course ${courses.join(", ")} answered 400 "does not have sessions", read as none`

const probeSessions = sampled(
  (context) => context.sessions,
  ({ without, found }): Observation => {
    if (found === null) {
      return without.length === 0
        ? { status: "unchecked", detail: "no ILT course to sample" }
        : { status: "ok", detail: `no session yet${noSessions(without)}` }
    }
    const seen = observeSample(found.sample, ["sessions", `of course ${found.courseId}`])
    return { ...seen, detail: `${seen.detail}${noSessions(without)}` }
  },
)

const probeEvents = sampled(
  (context) => Effect.zip(context.sessions, context.events),
  ([sessions, { found }]): Observation => {
    if (found !== null) return observeSample(found.sample, ["events", `of session ${found.sessionId}`])
    return sessions.found === null
      ? { status: "unchecked", detail: "no session to sample" }
      : { status: "unchecked", detail: `no event in the sessions of course ${sessions.found.courseId}` }
  },
)

export const doceboCapabilities: ReadonlyArray<Capability<DoceboDoctorContext>> = [
  tokenCapability({
    system: "docebo",
    name: "Docebo token",
    endpoint: `POST ${Routes.token.path}`,
    urlSetting: "DOCEBO_URL",
  }),
  {
    id: "docebo.courses",
    name: "course list",
    system: "docebo",
    endpoint: `GET ${Routes.courses.path}`,
    required: true,
    after: "docebo.token",
    probe: sampled(
      (context) => context.courses,
      ({ type, sample }) => observeSample(sample, [`${type} courses`, ""]),
    ),
    willDo: {
      ok: "ILT and VILT courses are listed 200 a page, classroom and webinar apart",
      differs: "a course that differs fails alone (it is not synced and its TO copy is left as it is)",
    },
  },
  {
    id: "docebo.sessions",
    name: "sessions of a course",
    system: "docebo",
    endpoint: "GET /course/v1/courses/{id}/sessions",
    required: true,
    after: "docebo.token",
    probe: probeSessions,
    willDo: {
      ok: 'a course\'s sessions are read when it may have changed; 400 "does not have sessions" is an empty list',
      missing: "iltsync can neither read nor write Docebo sessions: no session can be synced",
      differs: "a session that differs fails its course alone: that course is not synced until it reads",
    },
  },
  {
    id: "docebo.events",
    name: "events of a session (schedule)",
    system: "docebo",
    endpoint: "GET /course/v1/sessions/{id}/events",
    required: true,
    after: "docebo.sessions",
    probe: probeEvents,
    willDo: {
      ok: "a session's events are read with it, date and times from their schedule",
      missing: "iltsync can neither read nor write events: no session can be synced",
      differs: "a session whose events differ is left out, and its course is not synced until they read",
    },
  },
  {
    id: "docebo.users",
    name: "users",
    system: "docebo",
    endpoint: `GET ${Routes.users.path}`,
    required: true,
    after: "docebo.token",
    probe: sampled(
      (context) => context.users,
      (sample) => observeSample(sample, ["users"]),
    ),
    willDo: {
      ok: "trainers' users are read and their names and e-mails kept in step",
      differs: "a user who differs is left out: the user listing is partial and no trainer is removed on it",
    },
  },
  {
    id: "docebo.locations",
    name: "locations",
    system: "docebo",
    endpoint: `GET ${Routes.locations.path}`,
    required: true,
    after: "docebo.token",
    probe: sampled(
      (context) => context.locations,
      (sample) => observeSample(sample, ["locations"]),
    ),
    willDo: {
      ok: "TO's locations are matched to these (by stamp, else name and address) and created where missing",
      differs: "a location that differs is left out: the listing is partial, so a copy may be created again",
    },
  },
  {
    id: "docebo.classrooms",
    name: "classrooms",
    system: "docebo",
    endpoint: `GET ${Routes.classrooms.path}`,
    required: true,
    after: "docebo.token",
    probe: sampled(
      (context) => context.classrooms,
      (sample) => observeSample(sample, ["classrooms"]),
    ),
    willDo: {
      ok: "TO's rooms are matched to these (by stamp, else location and name) and created where missing",
      differs: "a classroom that differs is left out: the listing is partial, so a copy may be created again",
    },
  },
  instructorMarkCapability,
  stampsCapability,
  horizonCapability,
  ...courseFilterCapabilities,
  ...optionalEndpointCapabilities,
]
