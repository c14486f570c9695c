/**
 * Webhooks received and processed the way the service's inbox does (harness/service/Inbox.ts), over the same store
 * tables and the same pure classification (WebhookScopes.ts), but with runs on the world's virtual time: a delivery
 * is stored under its message id (a repeat is dropped), then pending deliveries become at most two scoped runs. The
 * grouping and the listings each run reads follow the worker's (not exported there), and must follow its changes.
 */
import { Effect } from "effect"
import type { WebhookMessage } from "../../adapters/store/WebhookInbox.ts"
import type { Entity } from "../../engine/Plan.ts"
import type { ReadOptions } from "../../engine/Reads.ts"
import type { ReconcileOptions } from "../../engine/Reconcile.ts"
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

interface PlannedRun {
  readonly options: Partial<ReconcileOptions>
  readonly messages: ReadonlyArray<WebhookMessage>
}

type Listings = NonNullable<ReadOptions["listings"]>

/** What a webhook's system changed, by the entities it names: the run reads those listings and no others. */
const listingsOf: Readonly<Record<Entity, Listings>> = {
  course: { docebo: ["courses"], to: ["courses"] },
  session: { docebo: [], to: ["sessions"] },
  event: { docebo: [], to: ["sessions"] },
  location: { docebo: ["locations"], to: ["locations", "rooms"] },
  classroom: { docebo: ["classrooms"], to: ["locations", "rooms"] },
  trainer: { docebo: ["users"], to: ["trainers", "trainingProviders"] },
  trainingProvider: { docebo: [], to: ["trainingProviders", "sites"] },
  webinarAccount: { docebo: ["webinarAccounts"], to: ["rooms"] },
}

const union = (all: ReadonlyArray<Listings>): Listings => ({
  docebo: [...new Set(all.flatMap((listings) => listings.docebo ?? []))].sort(),
  to: [...new Set(all.flatMap((listings) => listings.to ?? []))].sort(),
})

/**
 * The runs the pending deliveries ask for, as the worker groups them: one for all courses named (reading their
 * sessions only for courses a Docebo webhook named), one for all entities, each reading only what the webhooks'
 * systems changed.
 */
const runsFor = (pending: ReadonlyArray<{ message: WebhookMessage; work: WebhookWork }>): PlannedRun[] => {
  const codes = new Set<string>()
  const fromDocebo = new Set<string>()
  const courseListings: Listings[] = []
  const entities = new Set<Entity>()
  for (const { work } of pending) {
    if (work.kind === "course") {
      codes.add(work.code)
      if (work.origin === "docebo") fromDocebo.add(work.id)
      courseListings.push(work.origin === "docebo" ? listingsOf.course : listingsOf.session)
    }
    if (work.kind === "entities") for (const entity of work.entities) entities.add(entity)
  }
  const of = (kind: WebhookWork["kind"]) =>
    pending.filter((item) => item.work.kind === kind).map((item) => item.message)
  const runs: PlannedRun[] = []
  if (codes.size > 0) {
    const options = { courses: [...fromDocebo].sort(), planCourses: [...codes].sort(), listings: union(courseListings) }
    runs.push({ options, messages: of("course") })
  }
  if (entities.size > 0) {
    const names = [...entities].sort()
    runs.push({
      options: { planEntities: names, listings: union(names.map((e) => listingsOf[e])) },
      messages: of("entities"),
    })
  }
  return runs
}

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
