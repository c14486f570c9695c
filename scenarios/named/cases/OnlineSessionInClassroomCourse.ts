import type { EngineWorld } from "../EngineWorld.ts"
import { courseStatus, doceboClassroomOf, doceboCopy, toSession } from "../Lookups.ts"
import { equals } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

/**
 * CYB-101 was a webinar course before Acme's migration: a classroom course now, with online sessions and one onsite.
 * Its UK session of May is online and still in qualification in TO: Priya Nair, on the GoToMeeting room.
 */
const online = "ses_cyb101_0510"
/** Its Paris session of March is onsite, in the Orsay auditorium: the first sync creates it in Docebo. */
const onsite = "ses_cyb101_par_0316"

const accountOfRoom = (w: EngineWorld, roomId: string | null) => {
  const room = w.to().rooms.find((candidate) => candidate.id === roomId)
  return w.docebo().webinar_accounts.find((account) => String(account.id) === room?.external_ref)
}

const placeOfEvents = (w: EngineWorld, session: string) =>
  doceboCopy(w, session)?.events.map((e) => [e.id_location, e.id_classroom, e.tool, e.webinar_account_id])

/** Each slot of a TO session in the Docebo classroom (and its location) made from the session's room. */
const classroomOfSlots = (w: EngineWorld, session: string) => {
  const classroom = doceboClassroomOf(w, toSession(w, session)?.room_id ?? null)
  return toSession(w, session)?.sequences.map(() => [classroom?.id_location, classroom?.id_classroom, null, null])
}

export default engineScenario({
  name: "online-session-in-classroom-course",
  description:
    "an online TO session of a classroom course reaches Docebo with tool, account, duration and completion mode and no place; an onsite session of the same course keeps its location and classroom",
  rule: "Synchronizing: an online (VILT) session's name, max enrollments, date and time, duration, instructor, webinar tool and account, completion mode; online or onsite is the session's, not its course's",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    expectThat(
      "CYB-101 is a classroom course in Docebo",
      (w) => w.docebo().courses.find((course) => course.code === "CYB-101")?.course_type,
      equals("classroom"),
    ),
    expectSame(
      "its onsite Paris session reached Docebo in the classroom and location made from TO's room, with no webinar",
      (w) => placeOfEvents(w, onsite),
      (w) => classroomOfSlots(w, onsite),
    ),
    act("a TO planner validates the online UK session of May", (w) =>
      w.toAct({ action: "validate_session", id: online }),
    ),
    act("a sync runs", (w) => w.sync()),
    expectSame(
      "the Docebo session has TO's name, maximum enrollments and completion mode",
      (w) => {
        const copy = doceboCopy(w, online)
        return { course: copy?.id_course, name: copy?.name, max: copy?.max_enroll, completion: copy?.completion_type }
      },
      (w) => {
        const master = toSession(w, online)
        return { course: 128, name: master?.name, max: master?.max_participants, completion: master?.completion_mode }
      },
    ),
    expectSame(
      "its instructor is the Docebo user of TO's trainer",
      (w) => doceboCopy(w, online)?.instructors.map(String),
      (w) => [String(w.to().trainers.find((t) => t.id === toSession(w, online)?.trainer_id)?.external_ref)],
    ),
    expectSame(
      "each event has the slot's day, times, time zone and duration",
      (w) => doceboCopy(w, online)?.events.map((e) => [e.day, e.time_begin, e.time_end, e.timezone, e.duration]),
      (w) =>
        toSession(w, online)?.sequences.map((s) => [
          s.day,
          `${s.start}:00`,
          `${s.end}:00`,
          s.timezone,
          s.duration_minutes,
        ]),
    ),
    expectSame(
      "each event uses the webinar tool and account behind TO's virtual room, and has no location or classroom",
      (w) => placeOfEvents(w, online),
      (w) => {
        const account = accountOfRoom(w, toSession(w, online)?.room_id ?? null)
        return toSession(w, online)?.sequences.map(() => [null, null, account?.tool, account?.id])
      },
    ),
    expectSame(
      "the onsite session keeps its location and classroom",
      (w) => placeOfEvents(w, onsite),
      (w) => classroomOfSlots(w, onsite),
    ),
    act("a sync runs again", (w) => w.sync()),
    expectThat(
      "the course is in step: that sync planned nothing for CYB-101",
      (w) =>
        w
          .report()
          .planned.ops.filter((op) => op.course === "128")
          .map((op) => `${op.action} ${op.key}`),
      equals([]),
    ),
    expectThat("CYB-101 is synced", (w) => courseStatus(w, "CYB-101"), equals({ status: "synced", error: null })),
  ],
})
