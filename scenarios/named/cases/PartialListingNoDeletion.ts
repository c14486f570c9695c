import { duplicatesOf, stampsOf } from "../../e2e/Stamps.ts"
import { doceboCopy } from "../Lookups.ts"
import { equals, isFalse, isTrue } from "../Matchers.ts"
import { act, engineScenario, expectThat } from "../Scenario.ts"

/** Acme's Paris project-management session of February: no enrollment in Docebo, so its cancellation is not held. */
const session = "ses_prj401_par_0208"

export default engineScenario({
  name: "partial-listing-no-deletion",
  description:
    "while Docebo fails to list session events, a TO cancellation deletes nothing; once it lists again, it does",
  rule: "Guards: never delete from a partial snapshot",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a TO planner cancels the Paris project-management session of February", (w) =>
      w.toAct({ action: "cancel_session", id: session }),
    ),
    act("Docebo starts failing every listing of session events (503 on every page)", (w) =>
      w.faults("docebo", { failPaths: ["/course/v1/sessions/*/events"] }),
    ),
    act("a sync runs", (w) => w.sync()),
    expectThat(
      "Docebo's session listing was partial in that run",
      (w) => w.report().known.docebo.complete.sessions,
      isFalse,
    ),
    expectThat(
      "the plan has no deletion at all",
      (w) => w.report().planned.ops.filter((op) => op.action === "delete" && op.status === "ready").length,
      equals(0),
    ),
    expectThat(
      "the Docebo copy of the cancelled session is still there",
      (w) => doceboCopy(w, session) !== undefined,
      isTrue,
    ),
    expectThat("no record is duplicated on either side", (w) => duplicatesOf(stampsOf(w.docebo(), w.to())), equals([])),
    act("Docebo lists events again", (w) => w.faults("docebo", {})),
    // A course whose listing was partial must be read again before its deletions are decided; the operator's sync of
    // the course does that (a run that does not re-read it is pinned in scenarios/model/Regressions.test.ts).
    act("the operator syncs PRJ-401 by hand", (w) => w.sync({ courses: ["115"], planCourses: ["PRJ-401"] })),
    expectThat(
      "the Docebo copy of the cancelled session is deleted",
      (w) => doceboCopy(w, session) !== undefined,
      isFalse,
    ),
    expectThat("no record is duplicated on either side", (w) => duplicatesOf(stampsOf(w.docebo(), w.to())), equals([])),
  ],
})
