import { stampCode } from "../../../engine/Stamps.ts"
import type { EngineWorld } from "../EngineWorld.ts"
import { doceboClassroomOf, doceboCopy, toSession } from "../Lookups.ts"
import { equals } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

/** Acme's Paris leadership session of June, still in qualification in TO: Claire Dubois, room Seine, two days. */
const session = "ses_ldr101_par_0615"

const userOfTrainer = (w: EngineWorld, trainerId: string | null) =>
  w.to().trainers.find((trainer) => trainer.id === trainerId)?.external_ref
const classroomOfRoom = (w: EngineWorld, roomId: string | null) => doceboClassroomOf(w, roomId)

export default engineScenario({
  name: "ilt-session-fields",
  description: "an ILT session validated in TO reaches Docebo with every field the seed lists for onsite courses",
  rule: "Synchronizing: ILT session name, code, max and min enrollments, date and time, instructor, location, classroom",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a TO planner validates the Paris leadership session of June", (w) =>
      w.toAct({ action: "validate_session", id: session }),
    ),
    act("a sync runs", (w) => w.sync()),
    expectSame(
      "the Docebo session has TO's name, maximum and minimum enrollments",
      (w) => {
        const copy = doceboCopy(w, session)
        return { name: copy?.name, max: copy?.max_enroll, min: copy?.min_enroll }
      },
      (w) => {
        const master = toSession(w, session)
        return { name: master?.name, max: master?.max_participants, min: master?.min_participants }
      },
    ),
    expectSame(
      "its instructor is the Docebo user of TO's trainer",
      (w) => doceboCopy(w, session)?.instructors.map(String),
      (w) => [String(userOfTrainer(w, toSession(w, session)?.trainer_id ?? null))],
    ),
    expectSame(
      "it has one event per TO slot, with the same day, times and time zone",
      (w) => doceboCopy(w, session)?.events.map((e) => [e.day, e.time_begin, e.time_end, e.timezone]),
      (w) => toSession(w, session)?.sequences.map((s) => [s.day, `${s.start}:00`, `${s.end}:00`, s.timezone]),
    ),
    expectSame(
      "each event is in the Docebo classroom and location made from TO's room",
      (w) => doceboCopy(w, session)?.events.map((e) => [e.id_location, e.id_classroom]),
      (w) => {
        const classroom = classroomOfRoom(w, toSession(w, session)?.room_id ?? null)
        return toSession(w, session)?.sequences.map(() => [classroom?.id_location, classroom?.id_classroom])
      },
    ),
    act("a TO planner gives the session a code", (w) =>
      w.toAct({ action: "update_session", id: session, changes: { code: "LDR101-PAR-06" } }),
    ),
    act("a sync runs", (w) => w.sync()),
    // The tenant keeps iltsync's stamp in the session code (the default): the stamp owns the code, TO's is not written.
    expectThat(
      "the Docebo session's code still holds iltsync's stamp, not TO's code",
      (w) => doceboCopy(w, session)?.code,
      equals(stampCode(session)),
    ),
  ],
})
