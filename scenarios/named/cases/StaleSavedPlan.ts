import { Effect } from "effect"
import type { KnownState } from "../../../engine/Known.ts"
import type { StoreSnapshot } from "../../../engine/model/Store.ts"
import type { PlanBody, PlanDocument } from "../../../engine/Plan.ts"
import type { ReconcileOptions } from "../../../engine/Reconcile.ts"
import { PlanStale, planDocument, planInputs, staleParts } from "../../../harness/Sync.ts"
import type { EngineWorld } from "../EngineWorld.ts"
import { doceboCopy } from "../Lookups.ts"
import { contains, equals } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

/** Acme's London leadership session of March. */
const session = "ses_ldr101_lon_0309"

const savePlan = async (w: EngineWorld) => {
  const { report } = await w.sync({ dryRun: true })
  if (report === undefined) throw new Error("the dry run did not report")
  w.memo.set("plan", planDocument(report.planned, planInputs(report.known.docebo, report.known.to, report.store)))
}

/** `iltsync apply PLANFILE`: the saved plan is applied only if the plan made now is the same, op for op. */
const applySaved = async (w: EngineWorld) => {
  const saved = w.memo.get("plan") as PlanDocument
  const beforeApply = (planned: PlanBody, known: KnownState, store: StoreSnapshot) => {
    if (JSON.stringify(planned.ops) === JSON.stringify(saved.ops)) return Effect.void
    return Effect.fail(new PlanStale({ changed: staleParts(saved.inputs, planInputs(known.docebo, known.to, store)) }))
  }
  // `reconcile` takes the check beside its options; the world passes its options through.
  const options = { beforeApply } as Partial<ReconcileOptions>
  try {
    await w.sync(options)
    w.memo.set("refusal", null)
  } catch (error) {
    w.memo.set("refusal", error instanceof Error ? error.message : String(error))
  }
}

export default engineScenario({
  name: "stale-saved-plan",
  description: "a saved plan is refused as stale once TO changed since it was made; a fresh one is applied exactly",
  rule: "Interface: apply PLANFILE applies exactly a saved plan, refused as stale when either system changed",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("the places the Docebo copy shows are noted", (w) => w.memo.set("places", doceboCopy(w, session)?.max_enroll)),
    act("the operator saves a plan (plan --out)", savePlan),
    act("a TO planner lowers the London leadership session of March to 19 places", (w) =>
      w.toAct({ action: "update_session", id: session, changes: { max_participants: 19 } }),
    ),
    act("the operator applies the saved plan", applySaved),
    expectThat("it is refused as stale", (w) => w.memo.get("refusal") as string | null, contains("PlanStale")),
    expectThat(
      "the refusal names Training Orchestra",
      (w) => w.memo.get("refusal") as string | null,
      contains("Training Orchestra"),
    ),
    expectSame(
      "nothing was written: Docebo shows the places it showed",
      (w) => doceboCopy(w, session)?.max_enroll,
      (w) => w.memo.get("places"),
    ),
    act("the operator saves a new plan", savePlan),
    act("the operator applies it", applySaved),
    expectThat("it is applied", (w) => w.memo.get("refusal") as string | null, equals(null)),
    expectThat("Docebo shows 19 places", (w) => doceboCopy(w, session)?.max_enroll, equals(19)),
  ],
})
