/**
 * Webhooks received and processed the way the service's inbox does (harness/service/Inbox.ts), over the same store
 * tables and the same pure classification (WebhookScopes.ts), but with runs on the world's virtual time: a delivery
 * is stored under its message id (a repeat is dropped), then pending deliveries become at most two scoped runs,
 * grouped by the worker's own `groupRuns` and given the runner's options for their scopes.
 */
import { Effect } from "effect"
import type { WebhookMessage } from "../../adapters/store/WebhookInbox.ts"
import { optionsOf } from "../../harness/service/Runner.ts"
import { groupRuns, type Pending } from "../../harness/service/WebhookRuns.ts"
import {
  courseOfSession,
  doceboWork,
  toWork,
  trainerUserIds,
  type WebhookWork,
} from "../../harness/service/WebhookScopes.ts"
import type { RunEnd, Webhook, World } from "./World.ts"

const receivedAt = (world: World) => new Date(world.inProcess.clock.unsafeCurrentTimeMillis()).toISOString()

/** Stores one delivery; false when its message id was seen before. */
export const receive = (world: World, webhook: Webhook) =>
  world.store((store) =>
    store.insertWebhookIfNew({
      source: webhook.source,
      messageId: webhook.messageId,
      receivedAt: receivedAt(world),
      body: webhook.body,
    }),
  )

/** The worker's runs for the pending deliveries, with the options the service's runner gives each scope. */
const runsFor = (pending: ReadonlyArray<Pending>) =>
  groupRuns(pending).map((run) => ({ options: optionsOf(run.scope), messages: run.messages }))

/** Processes every pending delivery; the ends of the runs it made. */
export const processPending = async (world: World): Promise<ReadonlyArray<RunEnd>> => {
  const messages: ReadonlyArray<WebhookMessage> = await world.store((store) => store.listPendingWebhooks(200))
  if (messages.length === 0) return []
  const { known, links, assigned } = await world.store((store) =>
    Effect.all({
      known: store.loadKnownState(),
      links: store.loadLinks(),
      assigned: Effect.map(store.loadTrainerAssignments(), (all) => all.map((a) => a.userId as string)),
    }),
  )
  const trainers = trainerUserIds(known, assigned)
  // A TO session iltsync has not seen yet is looked up in TO, as the worker's fresh read does.
  const courseOfNewSession = new Map(world.to().sessions.map((session) => [session.id, session.course_id]))
  const pending = messages.map((message) => {
    const found = message.source === "docebo" ? doceboWork(message.body, trainers) : toWork(message.body, known, links)
    if (found.kind !== "toSession") return { message, work: found }
    const course = courseOfNewSession.get(found.sessionId)
    const work: WebhookWork =
      course === undefined
        ? { kind: "ignore", reason: "not in Training Orchestra" }
        : courseOfSession(course, known, links)
    return { message, work }
  })
  const ends: RunEnd[] = []
  for (const run of runsFor(pending)) {
    const end = await world.reconcile(run.options)
    ends.push(end)
    const at = receivedAt(world)
    // As the worker does: a run that failed leaves its deliveries failed, for the periodic reconcile to catch up.
    await world.store((store) =>
      Effect.forEach(
        run.messages,
        (message) =>
          end.kind === "done"
            ? store.markWebhookDone(message.source, message.messageId, at)
            : store.markWebhookFailed(message.source, message.messageId, end.kind, at),
        { discard: true },
      ),
    )
  }
  const ignored = pending.filter((item) => item.work.kind === "ignore").map((item) => item.message)
  const at = receivedAt(world)
  await world.store((store) =>
    Effect.forEach(ignored, (message) => store.markWebhookDone(message.source, message.messageId, at), {
      discard: true,
    }),
  )
  return ends
}
