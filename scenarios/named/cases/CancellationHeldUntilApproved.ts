import { courseStatus, doceboCopy, waitingOps } from "../Lookups.ts"
import { contains, equals, includes, isFalse } from "../Matchers.ts"
import { act, engineScenario, expectThat } from "../Scenario.ts"

/** Acme's Paris fire-safety session has 24 learners enrolled in Docebo when TO cancels it. */
const session = "ses_hse110_par_0202"

export default engineScenario({
  name: "cancellation-held-until-approved",
  description: "a TO cancellation that would drop 24 Docebo enrollments is held, shown, and applied only once approved",
  rule: "Guards: a deletion that would drop enrollments is held until an operator approves it",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a TO planner cancels the Paris fire-safety session of February", (w) =>
      w.toAct({ action: "cancel_session", id: session }),
    ),
    act("a sync runs", (w) => w.sync()),
    expectThat(
      "the Docebo session is still there with its 24 enrollments",
      (w) => doceboCopy(w, session)?.enrolled,
      equals(24),
    ),
    expectThat("the plan shows the deletion held", (w) => waitingOps(w), includes(`session delete ${session}: held`)),
    expectThat("the course HSE-110 is pending", (w) => courseStatus(w, "HSE-110")?.status, equals("pending")),
    expectThat(
      "its status says why",
      (w) => courseStatus(w, "HSE-110")?.error,
      contains("enrollments in Docebo would be dropped"),
    ),
    act("another sync runs without approval", (w) => w.sync()),
    expectThat("the session is still held", (w) => doceboCopy(w, session)?.enrolled, equals(24)),
    act("the operator approves the held changes", (w) => w.sync({ approveHeld: true })),
    expectThat("the Docebo session is gone", (w) => doceboCopy(w, session) !== undefined, isFalse),
    expectThat("HSE-110 is synced again", (w) => courseStatus(w, "HSE-110")?.status, equals("synced")),
  ],
})
