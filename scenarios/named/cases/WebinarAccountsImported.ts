import { csvDocument } from "../../../harness/Csv.ts"
import { contains, equals, isTrue } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { activeVirtualRooms, firstSync, runSyncJob } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

/** The seed's CSV of the accounts Docebo's own pages show (the simulator's, as an admin would export them). */
const accountsCsv = (w: ServiceWorld) =>
  csvDocument(
    ["id", "tool", "name", "email"],
    w.docebo.state.snapshot().webinar_accounts.map((a) => [String(a.id), a.tool, a.name, a.email]),
  )

const planWarnings = async (w: ServiceWorld, code: string) =>
  (await w.call("GET", "/plan"))
    .json<{ warnings: Array<{ code: string; message: string }> }>()
    .warnings.filter((warning) => warning.code === code)
    .map((warning) => warning.message)

export default serviceScenario({
  name: "webinar-accounts-imported",
  description:
    "a Docebo without a webinar-accounts endpoint: the plan says so and no TO room is touched; the operator imports the seed's CSV and the accounts sync from it",
  rule: "Behaviour 2: webinar accounts; DOCEBO-API.md: /webinar/v1/accounts has no public trace, the accounts come from the seed's CSV",
  tenant: "acme",
  doceboProfile: "strict",
  steps: [
    firstSync,
    expectThat(
      "the plan says the tenant has no accounts endpoint and how to import them",
      async (w) => (await planWarnings(w, "webinar_accounts_unavailable")).join(" "),
      contains("iltsync webinar-accounts --import FILE"),
    ),
    expectThat(
      "no TO virtual room was deactivated on the strength of an empty list (account 57, without one yet, waits)",
      activeVirtualRooms,
      equals(["51", "52", "53", "54", "55"]),
    ),
    act("a Docebo admin adds the Webex account “Acme Webex – Partners”", async (w) => {
      const account = await w.control(w.docebo, "/__sim/act", {
        action: "add_webinar_account",
        account: { tool: "webex", name: "Acme Webex – Partners", email: "webex-partners@acme-corp.example" },
      })
      w.memo.set("account", String(account.id))
    }),
    expectThat(
      "a file with a bad line is refused whole, naming the line",
      async (w) => {
        const answer = await w.call(
          "PUT",
          "/webinar-accounts",
          `${accountsCsv(w)}not-an-id,teams,Broken,x@example.com\r\n`,
        )
        return `${answer.status} ${answer.json<{ detail: string }>().detail}`
      },
      contains('422 the webinar account CSV was not imported: line 10: id "not-an-id"'),
    ),
    expectThat(
      "the operator imports the accounts Docebo's pages list",
      async (w) => (await w.call("PUT", "/webinar-accounts", accountsCsv(w))).json<{ imported: number }>().imported,
      equals(8),
    ),
    act("the operator syncs again", (w) => runSyncJob(w)),
    expectThat(
      "account 57 has its TO virtual room now, from the import; Zoom v3's 56 has none",
      (w) => activeVirtualRooms(w).filter((id) => id !== w.memo.get("account")),
      equals(["51", "52", "53", "54", "55", "57"]),
    ),
    expectThat(
      "the new account is a TO virtual room too",
      (w) => activeVirtualRooms(w).includes(w.memo.get("account") as string),
      isTrue,
    ),
    expectThat(
      "the plan says the accounts come from the import",
      async (w) => (await planWarnings(w, "webinar_accounts_imported")).join(" "),
      contains("the 8 accounts of the CSV imported at"),
    ),
    expectThat(
      "Zoom version 3 is still refused with a warning",
      async (w) => (await planWarnings(w, "unsupported_webinar_tool")).length,
      equals(1),
    ),
    expectThat(
      "the Download Webinar Account List gives the imported accounts",
      async (w) => (await w.call("GET", "/webinar-accounts.csv")).text.split("\r\n").length,
      equals(1 + 8 + 1),
    ),
    expectThat(
      "the event log names the import",
      async (w) =>
        (await w.call("GET", "/event-logs?action=webinar-accounts.import"))
          .json<{ items: Array<{ details: unknown }> }>()
          .items.map((event) => event.details),
      equals([{ accounts: 8 }]),
    ),
  ],
})
