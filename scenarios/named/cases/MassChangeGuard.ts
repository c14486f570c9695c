import { Effect } from "effect"
import type { EngineWorld } from "../EngineWorld.ts"
import { equals } from "../Matchers.ts"
import { act, engineScenario, expectThat } from "../Scenario.ts"

/** The first 21 of acme's 41 ILT and VILT courses with a code: more than 10% of them, and at least 20. */
const deleted = Array.from({ length: 21 }, (_, i) => String(101 + i))

const activeToCourses = (w: EngineWorld) =>
  w
    .to()
    .courses.filter((course) => course.external_ref !== null && deleted.includes(course.external_ref) && course.active)
    .length

const heldDeactivations = (w: EngineWorld) =>
  w.report().planned.ops.filter((op) => op.entity === "course" && op.action === "deactivate" && op.status === "held")
    .length

export default engineScenario({
  name: "mass-change-guard",
  description: "21 Docebo courses deleted at once: their TO courses are archived only once an operator approves",
  rule: "Guards: a plan that deactivates more than 10% (and at least 20) of an entity type needs approval",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a Docebo admin deletes 21 ILT courses", (w) =>
      Effect.runPromise(
        Effect.forEach(deleted, (id) => Effect.promise(() => w.doceboApi(`/learn/v1/courses/${id}`, "DELETE")), {
          discard: true,
        }),
      ),
    ),
    act("a sync runs", (w) => w.sync()),
    expectThat("the plan holds the 21 archivings for approval", heldDeactivations, equals(21)),
    expectThat("their TO courses are still active", activeToCourses, equals(21)),
    act("the operator approves the held changes", (w) => w.sync({ approveHeld: true })),
    expectThat("their TO courses are archived (inactive), not deleted", activeToCourses, equals(0)),
    expectThat(
      "all 21 are still in TO",
      (w) => w.to().courses.filter((c) => c.external_ref !== null && deleted.includes(c.external_ref)).length,
      equals(21),
    ),
  ],
})
