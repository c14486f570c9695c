import { equals } from "../Matchers.ts"
import { act, expectSame, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboAdminSession, doceboCopyOf, firstSync, toSessionOf, webhookRuns } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

/** Synced sessions of two courses: LDR-101 in London, LDR-201 in Paris. */
const sessions = ["ses_ldr101_lon_0309", "ses_ldr201_par_0302"]

const names = (w: ServiceWorld, read: (w: ServiceWorld, id: string) => { name: string } | undefined) =>
  sessions.map((id) => read(w, id)?.name)

/** The first Docebo delivery since the webhook was set to group: its event and how many events it carried. */
const firstGrouped = (w: ServiceWorld) => {
  const delivery = w.docebo.state.webhooks.list()[w.memo.get("deliveries") as number]
  const body = JSON.parse(delivery?.body ?? "{}") as { event?: string; payloads?: ReadonlyArray<unknown> }
  return [body.event, body.payloads?.length]
}

export default serviceScenario({
  name: "grouped-webhook-delivery",
  description: "two sessions edited in Docebo come in one grouped delivery (payloads): one run puts both back",
  rule: "Docebo webhooks: up to 25 events of one type grouped in one delivery, none of them lost",
  tenant: "acme",
  steps: [
    firstSync,
    act("the webhooks of the first sync's own writes reach iltsync", (w) => w.settled()),
    act("Docebo's webhook is set to group its events", async (w) => {
      w.subscribe("docebo", { group: true })
      w.memo.set("runs", await webhookRuns(w))
      w.memo.set("deliveries", w.docebo.state.webhooks.list().length)
    }),
    act("a Docebo admin renames a London and a Paris session, one after the other", async (w) => {
      for (const [index, id] of sessions.entries())
        await doceboAdminSession(w, {
          action: "edit_session",
          session_id: doceboCopyOf(w, id)?.id,
          changes: { name: `Renamed in Docebo ${index + 1}` },
        })
    }),
    act("the delivery reaches iltsync, and what it starts ends", (w) => w.settled()),
    expectThat("Docebo sent both events in one delivery", firstGrouped, equals(["ilt.session.updated", 2])),
    expectSame(
      "both copies have TO's names again",
      (w) => names(w, doceboCopyOf),
      (w) => names(w, toSessionOf),
    ),
    expectThat(
      "one run did it, for both courses",
      async (w) => (await webhookRuns(w)) - (w.memo.get("runs") as number),
      equals(1),
    ),
  ],
})
