import type { EngineWorld } from "../EngineWorld.ts"
import { doceboCopy, toSession } from "../Lookups.ts"
import { act, engineScenario, expectSame } from "../Scenario.ts"

/** Acme's phishing debrief of March, in qualification in TO: Elena Rossi in the Teams live-events room. */
const session = "ses_cyb110_0301"

const accountOfRoom = (w: EngineWorld, roomId: string | null) => {
  const room = w.to().rooms.find((candidate) => candidate.id === roomId)
  return w.docebo().webinar_accounts.find((account) => String(account.id) === room?.external_ref)
}

export default engineScenario({
  name: "vilt-session-fields",
  description: "a VILT session validated in TO reaches Docebo with every field the seed lists for online courses",
  rule: "Synchronizing: VILT session name, max enrollments, date and time, duration, instructor, webinar tool and account, completion mode",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a TO planner validates the phishing debrief of March", (w) =>
      w.toAct({ action: "validate_session", id: session }),
    ),
    act("a sync runs", (w) => w.sync()),
    expectSame(
      "the Docebo session has TO's name, maximum enrollments and completion mode",
      (w) => {
        const copy = doceboCopy(w, session)
        return { name: copy?.name, max: copy?.max_enroll, completion: copy?.completion_type }
      },
      (w) => {
        const master = toSession(w, session)
        return { name: master?.name, max: master?.max_participants, completion: master?.completion_mode }
      },
    ),
    expectSame(
      "its instructor is the Docebo user of TO's trainer",
      (w) => doceboCopy(w, session)?.instructors.map(String),
      (w) => [String(w.to().trainers.find((t) => t.id === toSession(w, session)?.trainer_id)?.external_ref)],
    ),
    expectSame(
      "each event has the slot's day, times, time zone and duration",
      (w) => doceboCopy(w, session)?.events.map((e) => [e.day, e.time_begin, e.time_end, e.timezone, e.duration]),
      (w) =>
        toSession(w, session)?.sequences.map((s) => [
          s.day,
          `${s.start}:00`,
          `${s.end}:00`,
          s.timezone,
          s.duration_minutes,
        ]),
    ),
    expectSame(
      "each event uses the webinar tool and account behind TO's virtual room",
      (w) => doceboCopy(w, session)?.events.map((e) => [e.tool, e.webinar_account_id]),
      (w) => {
        const account = accountOfRoom(w, toSession(w, session)?.room_id ?? null)
        return toSession(w, session)?.sequences.map(() => [account?.tool, account?.id])
      },
    ),
  ],
})
