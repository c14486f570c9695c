import { TO_TEST_CREDENTIALS } from "../../../simulators/training-orchestra/index.ts"
import { equals, isFalse, matches, satisfies } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { expectStatus, runSyncJob } from "../ServiceSteps.ts"

const to = {
  url: "https://acme.trainingorchestra.example",
  clientId: TO_TEST_CREDENTIALS.clientId,
  clientSecret: TO_TEST_CREDENTIALS.clientSecret,
  platformUrl: "https://platform.trainingorchestra.example/acme-emea",
}

export default serviceScenario({
  name: "credentials-edited",
  description: "the TO credentials are edited: checked, saved encrypted, shown masked, and used from then on",
  rule: "Behaviour 1: credentials can be edited at any time; secrets are stored encrypted and never shown in full",
  tenant: "acme",
  steps: [
    expectThat(
      "the Credentials tab shows the environment's, secrets masked",
      async (w) => (await w.call("GET", "/credentials")).json(),
      matches({ docebo: { source: "environment", clientSecret: "••••cret" } }),
    ),
    act("the operator saves new TO credentials (another platform URL)", (w) =>
      expectStatus(w, "PUT", "/credentials", { to }, 200),
    ),
    expectThat(
      "they are shown from the store, the secret masked",
      async (w) => (await w.call("GET", "/credentials")).json<{ to: Record<string, unknown> }>().to,
      satisfies(
        "from the store, with the new platform URL and a masked secret",
        (shown: Record<string, unknown>) =>
          shown.source === "store" &&
          shown.platformUrl === to.platformUrl &&
          String(shown.clientSecret).startsWith("••••"),
      ),
    ),
    expectThat(
      "no answer shows the secret in full",
      async (w) => (await w.call("GET", "/credentials")).text.includes(to.clientSecret),
      isFalse,
    ),
    expectThat(
      "Access your Training Orchestra platform leads to the new URL",
      async (w) => (await w.call("GET", "/access")).headers.get("location"),
      equals(to.platformUrl),
    ),
    expectThat(
      "wrong credentials are refused (422) and not saved",
      async (w) => {
        const answer = await w.call("PUT", "/credentials", { to: { ...to, clientSecret: "not-the-secret" } })
        const shown = (await w.call("GET", "/credentials")).json<{ to: { platformUrl: string } }>()
        return [answer.status, shown.to.platformUrl]
      },
      equals([422, to.platformUrl]),
    ),
    act("a sync runs with the saved credentials", (w) => runSyncJob(w)),
    expectThat(
      "the change is in the event log",
      async (w) =>
        (await w.call("GET", "/event-logs?action=credentials.update"))
          .json<{ items: Array<{ user: string; details: unknown }> }>()
          .items.map((item) => [item.user, item.details]),
      equals([["operator", { systems: ["to"] }]]),
    ),
    expectThat(
      "Docebo's credentials still come from the environment",
      async (w) => (await w.call("GET", "/credentials")).json<{ docebo: { source: string } }>().docebo.source,
      equals("environment"),
    ),
  ],
})
