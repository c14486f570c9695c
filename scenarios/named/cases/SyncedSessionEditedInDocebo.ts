import { equals, matches } from "../Matchers.ts"
import { act, expectSame, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboAdminSession, doceboCopyOf, firstSync, toSessionOf, webhookRuns } from "../ServiceSteps.ts"

/** Acme's London leadership session of March, synced to Docebo by the first sync. */
const session = "ses_ldr101_lon_0309"

export default serviceScenario({
  name: "synced-session-edited-in-docebo",
  description: "a synced session an admin renames and resizes in Docebo is put back from TO by its webhook's run",
  rule: "Behaviour 6: an edit made in Docebo to a synced copy (ilt.session.updated) is put back from TO",
  tenant: "acme",
  steps: [
    firstSync,
    act("the webhooks of the first sync's own writes reach iltsync", async (w) => {
      await w.settled()
      w.memo.set("runs", await webhookRuns(w))
    }),
    act("a Docebo admin renames the London session and raises its seats to 99, in Docebo", (w) =>
      doceboAdminSession(w, {
        action: "edit_session",
        session_id: doceboCopyOf(w, session)?.id,
        changes: { name: "Leadership (edited in Docebo)", max_enroll: 99 },
      }),
    ),
    act("Docebo's ilt.session.updated webhook reaches iltsync, and the run it starts ends", (w) => w.settled()),
    expectSame(
      "the Docebo copy has TO's name and seats again",
      (w) => [doceboCopyOf(w, session)?.name, doceboCopyOf(w, session)?.max_enroll],
      (w) => [toSessionOf(w, session)?.name, toSessionOf(w, session)?.max_participants],
    ),
    expectThat(
      "one run did it, of that course alone",
      async (w) => (await webhookRuns(w)) - (w.memo.get("runs") as number),
      equals(1),
    ),
    expectThat(
      "the event log shows the update, made for Docebo's webhook",
      async (w) =>
        (await w.call("GET", "/event-logs?action=sync.session.update"))
          .json<{ items: Array<{ user: string; details: { key?: string } }> }>()
          .items.find((item) => item.details.key === session),
      matches({ user: "webhook:docebo" }),
    ),
  ],
})
