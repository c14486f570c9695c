import { equals, includes, isTrue } from "../Matchers.ts"
import { act, expectSame, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboAdminSession, doceboCopyOf, firstSync, toSessionOf } from "../ServiceSteps.ts"

/** Both of course HSE-110: London's copy is deleted in Docebo; Lyon's, cancelled in TO with 5 learners, is held. */
const deleted = "ses_hse110_lon_0204"
const held = "ses_hse110_lyo_0318"

const heldOps = async (w: Parameters<typeof doceboCopyOf>[0]) =>
  (await w.call("GET", "/plan"))
    .json<{ ops: Array<{ entity: string; action: string; key: string; status: string }> }>()
    .ops.filter((op) => op.status === "held")
    .map((op) => `${op.entity} ${op.action} ${op.key}`)

export default serviceScenario({
  name: "synced-session-deleted-in-docebo",
  description:
    "a synced session an admin deletes in Docebo is recreated by its webhook's run; the course's held deletion stays held",
  rule: "Behaviour 6 and the enrollment guard: a deletion made in Docebo to a synced copy is put back from TO",
  tenant: "acme",
  steps: [
    firstSync,
    act("the webhooks of the first sync's own writes reach iltsync", (w) => w.settled()),
    expectThat(
      "Lyon's cancelled session keeps its copy and 5 learners",
      (w) => doceboCopyOf(w, held)?.enrolled,
      equals(5),
    ),
    act("a Docebo admin deletes the London session of HSE-110 in Docebo", async (w) => {
      const copy = doceboCopyOf(w, deleted)
      w.memo.set("copy", copy?.id)
      await doceboAdminSession(w, { action: "delete_session", session_id: copy?.id })
    }),
    act("Docebo's ilt.session.deleted webhook reaches iltsync, and the run it starts ends", (w) => w.settled()),
    expectThat(
      "London's session has a Docebo copy again, a new one",
      (w) => {
        const copy = doceboCopyOf(w, deleted)
        return copy !== undefined && copy.id !== w.memo.get("copy")
      },
      isTrue,
    ),
    expectSame(
      "with TO's name and seats",
      (w) => [doceboCopyOf(w, deleted)?.name, doceboCopyOf(w, deleted)?.max_enroll],
      (w) => [toSessionOf(w, deleted)?.name, toSessionOf(w, deleted)?.max_participants],
    ),
    expectThat(
      "the run of HSE-110 left Lyon's copy and its 5 learners alone",
      (w) => doceboCopyOf(w, held)?.enrolled,
      equals(5),
    ),
    expectThat("its deletion is still held for the operator", (w) => heldOps(w), includes(`session delete ${held}`)),
  ],
})
