import { DOCEBO_TEST_CREDENTIALS } from "../../../simulators/docebo/index.ts"
import { matches } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"

const subDomain = {
  url: "https://emea.acme.docebosaas.com",
  clientId: DOCEBO_TEST_CREDENTIALS.clientId,
  clientSecret: DOCEBO_TEST_CREDENTIALS.clientSecret,
  username: DOCEBO_TEST_CREDENTIALS.username,
  password: DOCEBO_TEST_CREDENTIALS.password,
}

export default serviceScenario({
  name: "sub-domain-refused",
  description: "credentials of an extended-enterprise sub-domain are refused with a clear error and nothing is saved",
  rule: "Behaviour 1: the integration is available for the main domain only",
  tenant: "acme",
  steps: [
    act("the Docebo platform answers as an extended-enterprise sub-domain", (w) =>
      w.control(w.docebo, "/__sim/config", { isMainDomain: false, domain: "emea.acme.docebosaas.com" }),
    ),
    act("the operator saves the sub-domain's credentials", async (w) => {
      const answer = await w.call("PUT", "/credentials", { docebo: subDomain })
      w.memo.set("answer", { status: answer.status, ...answer.json<Record<string, unknown>>() })
    }),
    expectThat(
      "they are refused (422), naming the main domain",
      (w) => w.memo.get("answer"),
      matches({
        status: 422,
        detail: "extended-enterprise sub-domains are not supported: configure the main domain",
      }),
    ),
    expectThat(
      "nothing was saved: the environment's credentials are still in effect",
      async (w) => (await w.call("GET", "/credentials")).json<{ docebo: { source: string; url: string } }>().docebo,
      matches({ source: "environment", url: "https://acme.docebosaas.com" }),
    ),
  ],
})
