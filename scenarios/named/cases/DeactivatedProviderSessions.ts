import { Effect } from "effect"
import { Store } from "../../../adapters/store/Store.ts"
import { stampOfCode } from "../../../engine/Stamps.ts"
import type { EngineWorld } from "../EngineWorld.ts"
import { doceboCopy } from "../Lookups.ts"
import { equals } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

/** Oliver Grant's London feedback session of February; he trains for SkillBridge. */
const session = "ses_ldr102_lon_0223"

const skillBridgeCopies = (w: EngineWorld) => {
  const trainers = new Set(
    w
      .to()
      .trainers.filter((t) => t.training_provider_id === "prv_skillbridge")
      .map((t) => t.id),
  )
  const sessions = new Set(
    w
      .to()
      .sessions.filter((s) => s.trainer_id !== null && trainers.has(s.trainer_id))
      .map((s) => s.id),
  )
  return w.docebo().sessions.filter((copy) => sessions.has(stampOfCode(copy.code) ?? ""))
}

export default engineScenario({
  name: "deactivated-provider-sessions",
  description:
    "sessions of a deactivated training provider keep their Docebo copies unchanged until TO reschedules them",
  rule: "Behaviour 7: a deactivated provider's scheduled sessions stay unchanged until a new schedule is synchronized",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("the Docebo copies of SkillBridge's sessions are noted", (w) => w.memo.set("copies", skillBridgeCopies(w))),
    act("the operator deactivates SkillBridge Consulting in iltsync", (w) =>
      w.withStore(
        Effect.flatMap(Store, (store) =>
          store.addProviderRequest(
            { kind: "setActive", providerId: "prv_skillbridge" as never, active: false },
            "2027-01-04T09:00:00.000Z",
          ),
        ),
      ),
    ),
    act("a sync runs", (w) => w.sync()),
    expectThat(
      "SkillBridge is deactivated in TO",
      (w) => w.to().training_providers.find((p) => p.id === "prv_skillbridge")?.active,
      equals(false),
    ),
    expectSame("its sessions' Docebo copies are unchanged", skillBridgeCopies, (w) => w.memo.get("copies") as never),
    expectThat(
      "TO refuses a new session with a SkillBridge trainer",
      async (w) =>
        (
          await w.inProcess.toAct({
            action: "schedule_session",
            session: {
              course_id: w.to().courses.find((c) => c.code === "LDR-102")?.id,
              name: "Giving Feedback – London, July 2027",
              trainer_id: "trn_oliver_grant",
              sequences: [{ day: "2027-07-06", start: "09:00", end: "17:00", timezone: "Europe/London" }],
            },
          })
        ).status,
      equals(422),
    ),
    act("a TO planner reschedules Oliver Grant's London session to 2 March", async (w) => {
      const sequences = w
        .to()
        .sessions.find((s) => s.id === session)
        ?.sequences.map((s) => ({ ...s, day: "2027-03-02" }))
      await w.toAct({ action: "update_session", id: session, changes: { sequences } })
    }),
    act("a sync runs", (w) => w.sync()),
    expectThat(
      "the new schedule reaches Docebo",
      (w) => doceboCopy(w, session)?.events.map((e) => e.day),
      equals(["2027-03-02"]),
    ),
  ],
})
