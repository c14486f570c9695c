import type { EngineWorld } from "../EngineWorld.ts"
import { contains, equals } from "../Matchers.ts"
import { act, engineScenario, expectThat } from "../Scenario.ts"

const berlin = { name: "Acme Berlin", address: "Unter den Linden 1, Berlin", iso_code_country: "DE" }

const locationOp = (w: EngineWorld) =>
  w.report().planned.ops.find((op) => op.entity === "location" && op.key === w.memo.get("location"))

/** Each Docebo “Acme Berlin”, and whether iltsync links it to a TO location. */
const berlinInDocebo = (w: EngineWorld) => {
  const linked = new Set(w.report().store.links.location.map((link) => link.docebo))
  return w
    .docebo()
    .locations.filter((location) => location.name === berlin.name)
    .map((location) => linked.has(String(location.id_location)))
}

export default engineScenario({
  name: "ambiguous-adoption-blocked",
  description: "a TO location matching two Docebo locations by name and address is blocked, never guessed",
  rule: "Guards: ambiguous adoption (two candidates with the same natural key) is blocked with a reason",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a Docebo admin creates “Acme Berlin” twice, by hand, at the same address", async (w) => {
      await w.doceboApi("/learn/v1/location", "POST", berlin)
      await w.doceboApi("/learn/v1/location", "POST", berlin)
    }),
    act("a TO planner creates the location “Acme Berlin” at that address", async (w) => {
      const location = await w.toAct({
        action: "upsert_location",
        location: { name: "Acme Berlin", address: "Unter den Linden 1", city: "Berlin", country: "DE" },
      })
      w.memo.set("location", location.id)
    }),
    act("a sync runs", (w) => w.sync()),
    expectThat("the location's adoption is blocked", (w) => locationOp(w)?.status, equals("blocked")),
    expectThat("the reason names both candidates", (w) => locationOp(w)?.reason, contains("2 Docebo records match")),
    expectThat(
      "Docebo still has the two locations, neither claimed, and no third",
      berlinInDocebo,
      equals([false, false]),
    ),
  ],
})
