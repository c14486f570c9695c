/**
 * Acme's first-half 2027 schedule as TO holds it, and what Docebo shows of it; a course may hold onsite and online
 * sessions side by side. Sessions with a `docebo` copy were mirrored by an earlier sync. Special cases: a cancelled session whose Docebo copy has learners (its deletion is
 * held), a cancelled one without learners (deleted), a session moved in TO since it was mirrored, sessions of the
 * deactivated provider's trainers, a slot in another room than its session, sessions still in qualification (they stay
 * in TO), and one session created directly in Docebo (never touched, reported).
 */
import {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  type DoceboSession,
  DoceboSessionId,
  DoceboUserId,
  type ToSession,
} from "../../engine/Model.ts"
import { franceSchedule } from "./ScheduleFrance.ts"
import { londonSchedule } from "./ScheduleLondon.ts"
import { newYorkSchedule } from "./ScheduleNewYork.ts"
import { pastSchedule } from "./SchedulePast.ts"
import { virtualSchedule } from "./ScheduleVirtual.ts"
import { doceboCopy, type SessionRow, toSession } from "./SessionBuilder.ts"

const schedule: ReadonlyArray<SessionRow> = [
  ...franceSchedule,
  ...londonSchedule,
  ...newYorkSchedule,
  ...virtualSchedule,
  ...pastSchedule,
]

const built = schedule.map((row) => {
  const session = toSession(row)
  return { session, copy: doceboCopy(row, session) }
})

export const acmeToSessions: ReadonlyArray<ToSession> = built.map(({ session }) => session)

/**
 * Booked by a London coordinator straight in Docebo for a client's staff: it has no TO id, so the sync never touches
 * it and reports it each run.
 */
const madeInDocebo: DoceboSession = {
  id: DoceboSessionId.make("2050"),
  courseId: DoceboCourseId.make("107"),
  name: "First Aid at Work – client group (booked in Docebo)",
  maxEnroll: 8,
  minEnroll: null,
  instructors: [DoceboUserId.make("1009")],
  completionType: null,
  code: "FA-CLIENT-0408",
  enrolled: 6,
  events: [
    {
      id: DoceboEventId.make("20501"),
      name: "",
      day: "2027-04-08",
      timeBegin: "09:00:00",
      timeEnd: "17:00:00",
      timezone: "Europe/London",
      locationId: DoceboLocationId.make("13"),
      classroomId: DoceboClassroomId.make("209"),
      tool: null,
      webinarAccountId: null,
      durationMinutes: null,
      instructors: [DoceboUserId.make("1009")],
      joinUrl: null,
    },
  ],
}

export const acmeDoceboSessions: ReadonlyArray<DoceboSession> = [
  ...built.flatMap(({ copy }) => (copy === undefined ? [] : [copy])),
  madeInDocebo,
]
