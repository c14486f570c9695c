import { equals } from "../Matchers.ts"
import { act, expectSame, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboAdminSession, doceboCalls, doceboCopyOf, firstSync, toSessionOf, webhookRuns } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

/** A synced Paris session that a TO planner renames. */
const session = "ses_ldr201_par_0302"
const renamed = "Management de proximité – Paris, 2 et 3 mars 2027"

/** Docebo calls, Docebo writes and webhook runs since the last `note`. */
const since = async (w: ServiceWorld) => ({
  doceboCalls: doceboCalls(w) - (w.memo.get("calls") as number),
  doceboWrites: doceboWrites(w) - (w.memo.get("writes") as number),
  webhookRuns: (await webhookRuns(w)) - (w.memo.get("runs") as number),
})
const note = async (w: ServiceWorld) => {
  w.memo.set("calls", doceboCalls(w))
  w.memo.set("writes", doceboWrites(w))
  w.memo.set("runs", await webhookRuns(w))
}
const doceboWrites = (w: ServiceWorld) =>
  w.docebo.state.calls
    .summary()
    .counts.filter((count) => count.method !== "GET" && !count.template.endsWith("/token"))
    .reduce((sum, count) => sum + count.count, 0)

interface SessionPayload {
  readonly session_id?: number
}

/** Docebo's webhooks for the session's copy, as delivered to iltsync. */
const sessionWebhooks = (w: ServiceWorld) =>
  w.docebo.state.webhooks
    .list()
    .filter((delivery) => {
      // One event's `payload`, or the `payloads` of a grouped delivery (the strict profile's).
      const body = JSON.parse(delivery.body) as { payload?: SessionPayload; payloads?: ReadonlyArray<SessionPayload> }
      const payloads = body.payloads ?? (body.payload ? [body.payload] : [])
      return payloads.some((payload) => payload.session_id === w.memo.get("copy"))
    })
    .map((delivery) => `${delivery.event} ${delivery.outcome}`)

export default serviceScenario({
  name: "own-write-echoes-ignored",
  description:
    "the webhooks Docebo raises for iltsync's own writes cost no call and no run; an admin's edit after them still does",
  rule: "Echoes cost nothing: a webhook caused by iltsync's own write starts no read and no write",
  tenant: "acme",
  steps: [
    // TO's webhooks of iltsync's writes to TO are not this scenario's: TO's webhooks wait until the planner acts.
    act("TO's webhooks are off for now", (w) => w.subscribe("to", null)),
    firstSync,
    act("the Docebo calls and webhook runs so far are noted", note),
    act("the webhooks of the first sync's own writes (a session webhook per copy made or changed) reach iltsync", (w) =>
      w.settled(),
    ),
    expectThat(
      "they cost no Docebo call and started no run",
      (w) => since(w),
      equals({ doceboCalls: 0, doceboWrites: 0, webhookRuns: 0 }),
    ),
    act("TO's webhooks are on again, and a TO planner renames the Paris session of March", async (w) => {
      w.subscribe("to", {})
      await note(w)
      w.memo.set("copy", doceboCopyOf(w, session)?.id)
      await w.control(w.to, "/__sim/act", { action: "update_session", id: session, changes: { name: renamed } })
    }),
    act("TO's webhook reaches iltsync, its run writes the copy, and Docebo's webhook of that write comes back", (w) =>
      w.settled(),
    ),
    expectThat("the Docebo copy has the new name", (w) => doceboCopyOf(w, session)?.name, equals(renamed)),
    expectThat(
      "Docebo sent iltsync the webhook of that write",
      (w) => sessionWebhooks(w).slice(-1),
      equals(["ilt.session.updated delivered"]),
    ),
    expectThat(
      "the change cost one Docebo write and one run, TO's webhook's: the echo started none",
      async (w) => {
        const { doceboWrites, webhookRuns } = await since(w)
        return { doceboWrites, webhookRuns }
      },
      equals({ doceboWrites: 1, webhookRuns: 1 }),
    ),
    act("a Docebo admin then renames the copy in Docebo", async (w) => {
      await note(w)
      await doceboAdminSession(w, {
        action: "edit_session",
        session_id: w.memo.get("copy"),
        changes: { name: "Mine now" },
      })
    }),
    act("its webhook reaches iltsync", (w) => w.settled()),
    expectSame(
      "the copy has TO's name again",
      (w) => doceboCopyOf(w, session)?.name,
      (w) => toSessionOf(w, session)?.name,
    ),
    expectThat("that webhook did start a run", async (w) => (await since(w)).webhookRuns, equals(1)),
  ],
})
