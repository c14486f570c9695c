import type { EngineWorld } from "../EngineWorld.ts"
import { equals, includes } from "../Matchers.ts"
import { act, engineScenario, expectThat } from "../Scenario.ts"

const readyOps = (w: EngineWorld) => w.report().planned.ops.filter((op) => op.status === "ready").length

export default engineScenario({
  name: "strict-docebo-first-sync",
  description:
    "against a Docebo with no optional endpoint and no Retry-After, the first sync converges and says where accounts come from",
  rule: "DOCEBO-API.md: the adapter survives the [assumed] parts being absent",
  tenant: "acme",
  doceboProfile: "strict",
  steps: [
    act("the first synchronization runs against the strict Docebo", (w) => w.sync()),
    expectThat(
      "the plan warns that the tenant has no webinar-accounts endpoint",
      (w) => w.report().planned.warnings.map((warning) => warning.code),
      includes("webinar_accounts_unavailable"),
    ),
    expectThat(
      "no op failed",
      (w) => (w.report().outcomes ?? []).filter((outcome) => outcome.status === "failed").length,
      equals(0),
    ),
    expectThat(
      "no TO virtual room (acme has five) was deactivated on the strength of the missing accounts",
      (w) => w.to().rooms.filter((room) => room.kind === "virtual" && room.active).length,
      equals(5),
    ),
    act("a fresh plan is made", (w) => w.sync({ dryRun: true })),
    expectThat("it has no ready op: the first sync converged", readyOps, equals(0)),
  ],
})
