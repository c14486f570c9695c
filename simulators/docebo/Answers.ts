/**
 * What the API answers for each stored record (DOCEBO-API.md): the simulator keeps records flat and by id (its state
 * and seeds), and answers them in Docebo's shapes, with the objects those name (instructors, places, the course).
 */
import { gmtOffset } from "./Dates.ts"
import type { DoceboStore } from "./Store.ts"
import type { CourseType, DoceboCourse, DoceboEvent, DoceboSession, ToolName } from "./Types.ts"

/** An instructor in a session or event answer [seen: `gravitylens/docebo_client` `cpc_ilt_reminder.py`]. */
export interface InstructorAnswer {
  id: number
  username: string
  firstname: string
  lastname: string
}

/** A course's sessions as listed; the rest of the list fields are [assumed]. */
export interface SessionAnswer {
  id: number
  uid_session: string
  name: string
  code: string
  date_start: string | null
  date_end: string | null
  enrolled: number
  max_enroll: number | null
  min_enroll: number | null
  completion_type: DoceboSession["completion_type"]
  instructors: InstructorAnswer[]
}

/** `GET /course/v1/sessions/{id}`: the list fields and the course [seen]. */
export interface SessionDetailAnswer extends SessionAnswer {
  course: { id: number; name: string }
}

/** `GET /course/v1/sessions/{id}/events` items: `schedule` [seen]; location, classroom and webinar [assumed]. */
export interface EventAnswer {
  id: number
  name: string
  schedule: { date: string; time_begin: string; time_end: string; timezone: string; offset: string }
  location: { id: number; name: string } | null
  classroom: { id: number; name: string } | null
  webinar: { tool: ToolName | null; account_id: number | null; join_url: string | null } | null
  duration: number | null
  instructors: InstructorAnswer[]
}

/** `GET /learn/v1/courses/{id}` says `type` where the list says `course_type` [seen: `docebo-mcp-server`]. */
export type CourseDetailAnswer = Omit<DoceboCourse, "course_type"> & { type: CourseType }

/** Instructors are checked to exist when written and users are never deleted, so each one is found. */
const instructorsOf = (store: DoceboStore, ids: readonly number[]): InstructorAnswer[] =>
  ids.map((id) => {
    const user = store.users.get(id)
    return { id, username: user?.username ?? "", firstname: user?.first_name ?? "", lastname: user?.last_name ?? "" }
  })

export const sessionAnswer = (store: DoceboStore, session: DoceboSession): SessionAnswer => ({
  id: session.id,
  uid_session: session.uid_session,
  name: session.name,
  code: session.code,
  date_start: session.date_start,
  date_end: session.date_end,
  enrolled: session.enrolled,
  max_enroll: session.max_enroll,
  min_enroll: session.min_enroll,
  completion_type: session.completion_type,
  instructors: instructorsOf(store, session.instructors),
})

export const sessionDetailAnswer = (store: DoceboStore, session: DoceboSession): SessionDetailAnswer => ({
  ...sessionAnswer(store, session),
  course: { id: session.id_course, name: store.courses.get(session.id_course)?.name ?? "" },
})

const place = (id: number | null, name: (id: number) => string | undefined) =>
  id === null ? null : { id, name: name(id) ?? "" }

export const eventAnswer = (store: DoceboStore, event: DoceboEvent): EventAnswer => ({
  id: event.id,
  name: event.name,
  schedule: {
    date: event.day,
    time_begin: event.time_begin,
    time_end: event.time_end,
    timezone: event.timezone,
    offset: gmtOffset(event.day, event.time_begin, event.timezone),
  },
  location: place(event.id_location, (id) => store.locations.get(id)?.name),
  classroom: place(event.id_classroom, (id) => store.classrooms.get(id)?.name),
  webinar:
    event.tool === null && event.webinar_account_id === null
      ? null
      : { tool: event.tool, account_id: event.webinar_account_id, join_url: event.join_url },
  duration: event.duration,
  instructors: instructorsOf(store, event.instructors),
})

export const courseDetailAnswer = (course: DoceboCourse): CourseDetailAnswer => ({
  id_course: course.id_course,
  name: course.name,
  code: course.code,
  type: course.course_type,
  lang_code: course.lang_code,
  date_last_updated: course.date_last_updated,
})
