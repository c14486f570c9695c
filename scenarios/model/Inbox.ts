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
