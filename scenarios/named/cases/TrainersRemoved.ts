import { equals, isTrue, matches } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboUser, expectStatus, firstSync, toTrainerOf } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

/** The TO sessions still to run with the trainer of this user. */
const scheduledWith = (w: ServiceWorld, userId: string) =>
  w.to.state
    .snapshot()
    .sessions.filter((session) => session.status !== "cancelled" && session.trainer_id === toTrainerOf(w, userId)?.id)

export default serviceScenario({
  name: "trainers-removed",
  description:
    "removed trainers' TO trainers are deactivated and their sessions flagged; their Docebo users are never deleted",
  rule: "Behaviour 8: remove one or many trainers; sessions already scheduled need reconfiguring",
  tenant: "acme",
  steps: [
    firstSync,
    act("the operator removes Oliver Grant (1008)", (w) => expectStatus(w, "DELETE", "/trainers/1008", undefined, 200)),
    expectThat(
      // The strict tenant keeps no instructor mark (ILTSYNC_DOCEBO_INSTRUCTOR_MARK=none): iltsync's list is the truth.
      "his Docebo user is still there, untouched",
      (w) => doceboUser(w, "1008"),
      matches({ first_name: "Oliver", status: "1" }),
    ),
    expectThat("his TO trainer is deactivated", (w) => toTrainerOf(w, "1008")?.active, equals(false)),
    expectThat(
      "his scheduled TO sessions are flagged “needs reconfiguration”",
      (w) => {
        const sessions = scheduledWith(w, "1008")
        return sessions.length > 0 && sessions.every((session) => session.needs_reconfiguration)
      },
      isTrue,
    ),
    act("the operator removes Hannah Osei (1009) and David Cohen (1010) at once", (w) =>
      expectStatus(w, "POST", "/trainers/remove", { userIds: ["1009", "1010"] }, 200),
    ),
    expectThat(
      "both Docebo users are still there",
      (w) => [doceboUser(w, "1009")?.user_id, doceboUser(w, "1010")?.user_id],
      equals([1009, 1010]),
    ),
    expectThat(
      "both TO trainers are deactivated",
      (w) => [toTrainerOf(w, "1009")?.active, toTrainerOf(w, "1010")?.active],
      equals([false, false]),
    ),
    expectThat(
      "each removal is logged with its user as target",
      async (w) =>
        (await w.call("GET", "/event-logs?action=trainer.remove"))
          .json<{ items: Array<{ target: string }> }>()
          .items.map((item) => item.target)
          .sort(),
      equals(["1008", "1009", "1010"]),
    ),
  ],
})
