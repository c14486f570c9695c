import { equals, includes, isTrue } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { activeVirtualRooms, firstSync, runSyncJob } from "../ServiceSteps.ts"

export default serviceScenario({
  name: "webinar-accounts",
  description:
    "Docebo's webinar accounts become TO virtual rooms; Zoom v3 is refused with a warning and marked in the CSV",
  rule: "Behaviour 2: webinar accounts first; Zoom version 3 is not supported",
  tenant: "acme",
  // A tenant whose Docebo lists its webinar accounts; without that endpoint, see webinar-accounts-imported.
  doceboProfile: "default",
  steps: [
    firstSync,
    expectThat(
      "every account but the Zoom v3 one (56) is a TO virtual room",
      activeVirtualRooms,
      equals(["51", "52", "53", "54", "55", "57"]),
    ),
    expectThat(
      "the plan warns that account 56 uses Zoom version 3 and is not sent",
      async (w) =>
        (await w.call("GET", "/plan"))
          .json<{ warnings: Array<{ code: string; key: string }> }>()
          .warnings.filter((warning) => warning.code === "unsupported_webinar_tool")
          .map((warning) => warning.key),
      equals(["56"]),
    ),
    expectThat(
      "the Download Webinar Account List CSV marks it unsupported",
      async (w) => (await w.call("GET", "/webinar-accounts.csv")).text.split("\r\n"),
      includes("56,zoom_v3,Zoom v3 – Marketing Webinars,marketing-webinars@acme-corp.example,false"),
    ),
    act("a Docebo admin adds the Webex account “Acme Webex – Partners”", async (w) => {
      const account = await w.control(w.docebo, "/__sim/act", {
        action: "add_webinar_account",
        account: { tool: "webex", name: "Acme Webex – Partners", email: "webex-partners@acme-corp.example" },
      })
      w.memo.set("account", String(account.id))
    }),
    act("the operator syncs again", (w) => runSyncJob(w)),
    expectThat(
      "the new account is a TO virtual room too",
      (w) => activeVirtualRooms(w).includes(w.memo.get("account") as string),
      isTrue,
    ),
  ],
})
