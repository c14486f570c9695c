/**
 * Webhooks through the service's own inbox and worker (harness/service/Inbox.ts), each call in a fresh "process"
 * over the world's store, on its virtual time: a delivery is stored under its message id (a repeat is dropped), and
 * the worker processes what is pending when a command says so, its runs counted and locked as the world's own.
 */
import { Effect, Either } from "effect"
import { Inbox, type WebhookRun } from "../../harness/service/Inbox.ts"
import { problemOf } from "../../harness/service/Problem.ts"
import type { RunEnd, Webhook, World } from "./World.ts"

/** Stores one delivery; false when its message id was seen before. */
export const receive = (world: World, webhook: Webhook) =>
  world.inProcess.withInbox(
    Effect.flatMap(Inbox, (inbox) => inbox.receive(webhook.source, webhook.messageId, webhook.body)),
  )

/** As the worker settles a run's deliveries: done, or failed with the reason an operator would read. */
const endOf = ({ outcome }: WebhookRun): RunEnd =>
  Either.isRight(outcome)
    ? { kind: "done", report: outcome.right.report }
    : { kind: "failed", reason: problemOf(outcome.left).detail }

/** The worker processes every pending delivery; the ends of the runs it made. */
export const processPending = async (world: World): Promise<ReadonlyArray<RunEnd>> => {
  const runs = await world.inProcess.withInbox(
    Effect.flatMap(Inbox, (inbox) => inbox.processPending),
    world.workerRun,
  )
  return runs.map(endOf)
}

/** Docebo groups up to 25 events of one type in a delivery [doc]. */
const groupLimit = 25

/**
 * A burst as Docebo sends it with its grouping on: its Docebo webhooks of one event type that reach iltsync for the
 * first time go in one delivery, as `payloads` under the first one's message id, at the first one's place; a repeat
 * (a sender's retry of what it sent before) and TO's webhooks stay as they are. `singles`: whether a lone event is
 * sent as `payloads` too (Docebo with grouping on) or as `payload` (a group of one left as it came).
 */
export const groupedAsDocebo = (
  burst: ReadonlyArray<Webhook>,
  sentBefore: ReadonlySet<string>,
  singles: "payload" | "payloads",
): ReadonlyArray<Webhook> => {
  const groups = new Map<string, Webhook[]>()
  const placed: Array<Webhook | Webhook[]> = []
  const seen = new Set(sentBefore)
  for (const webhook of burst) {
    const fresh = webhook.source === "docebo" && !seen.has(webhook.messageId)
    seen.add(webhook.messageId)
    if (!fresh) {
      placed.push(webhook)
      continue
    }
    const open = groups.get(webhook.event)
    if (open !== undefined && open.length < groupLimit) {
      open.push(webhook)
      continue
    }
    const group = [webhook]
    groups.set(webhook.event, group)
    placed.push(group)
  }
  return placed.map((entry) => {
    if (!Array.isArray(entry)) return entry
    const [first] = entry
    if (first === undefined) throw new Error("a group is never empty")
    if (entry.length === 1 && singles === "payload") return first
    const { payload: _first, ...envelope } = first.body as { readonly payload?: unknown }
    const payloads = entry.map((webhook) => (webhook.body as { readonly payload?: unknown }).payload)
    return { ...first, body: { ...envelope, payloads } }
  })
}
