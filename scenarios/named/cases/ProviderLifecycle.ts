import { equals, matches } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { expectStatus, firstSync } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

interface Provider {
  readonly id: string
  readonly name: string
  readonly active: boolean
  readonly siteId: string | null
}

const created = (w: ServiceWorld) => w.memo.get("provider") as Provider
const inTo = (w: ServiceWorld) => w.to.state.snapshot().training_providers.find((p) => p.id === created(w).id)
const listed = async (w: ServiceWorld) =>
  (await w.call("GET", "/training-providers")).json<Provider[]>().find((p) => p.id === created(w).id)

export default serviceScenario({
  name: "provider-lifecycle",
  description:
    "a provider created in iltsync appears in TO with its site; it is deactivated and reactivated, never deleted",
  rule: "Behaviour 7: training providers are created (provider + site), deactivated and reactivated; no deletion",
  tenant: "acme",
  steps: [
    firstSync,
    act("the operator creates the training provider “Northwind Learning”", async (w) => {
      const answer = await expectStatus(w, "POST", "/training-providers", { name: "Northwind Learning" }, 201)
      w.memo.set("provider", answer.json<Provider>())
    }),
    expectThat("TO has the provider, active", inTo, matches({ name: "Northwind Learning", active: true })),
    expectThat(
      "TO has its site, linked 1:1",
      (w) => {
        const site = w.to.state.snapshot().sites.find((s) => s.id === inTo(w)?.site_id)
        return site && { name: site.name, provider: site.training_provider_id === created(w).id }
      },
      equals({ name: "Northwind Learning", provider: true }),
    ),
    act("the operator deactivates it", (w) =>
      expectStatus(w, "PATCH", `/training-providers/${created(w).id}`, { active: false }, 200),
    ),
    expectThat("it is inactive in TO", (w) => inTo(w)?.active, equals(false)),
    expectThat("the Training Providers tab shows it inactive", listed, matches({ active: false })),
    act("the operator reactivates it", (w) =>
      expectStatus(w, "PATCH", `/training-providers/${created(w).id}`, { active: true }, 200),
    ),
    expectThat("it is active in TO again", (w) => inTo(w)?.active, equals(true)),
    expectThat(
      "deleting it is not allowed (405)",
      async (w) => (await w.call("DELETE", `/training-providers/${created(w).id}`)).status,
      equals(405),
    ),
    expectThat("it is still in TO", (w) => inTo(w) !== undefined, equals(true)),
  ],
})
