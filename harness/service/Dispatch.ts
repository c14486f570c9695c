/**
 * Where a tenant's work runs. In one process (the embedded default, SQLite or PostgreSQL): jobs run in fibers of the
 * service, the inbox's worker wakes when a delivery is stored, and the periodic reconcile and recovery at start are
 * the service's own. With workers (`serve --no-worker` and `iltsync worker`): the API process only records a job or
 * a delivery and queues it on the job queue (harness/workers/), and the workers run it; recovery and the periodic
 * reconcile are theirs too, since a process starting must not close a run another process has in progress.
 */
import { Context, Effect, Layer, Option } from "effect"
import type { SyncRequest } from "./Runner.ts"

/** A job as it travels on the queue: what `Jobs.start` was asked, without the callbacks only a process holds. */
export type QueuedSyncRequest = Omit<SyncRequest, "progress" | "onStart">

export type WorkDispatch =
  | { readonly mode: "in-process" }
  | {
      readonly mode: "queued"
      /** Queues job `jobId` (recorded as queued in the store) for a worker. */
      readonly job: (jobId: string, request: QueuedSyncRequest) => Promise<void>
      /** Asks a worker to process the tenant's pending webhook deliveries. */
      readonly inbox: () => Promise<void>
    }
  /** A worker's runtime: it runs what it is handed, when it is handed it, and starts nothing by itself. */
  | { readonly mode: "worker" }

export class Dispatch extends Context.Tag("harness/service/Dispatch")<Dispatch, WorkDispatch>() {}

export const DispatchLive = (dispatch: WorkDispatch = { mode: "in-process" }) => Layer.succeed(Dispatch, dispatch)

/** The dispatch in effect: in this process unless a runtime says otherwise (tests and tools build parts alone). */
export const dispatchInEffect: Effect.Effect<WorkDispatch> = Effect.map(Effect.serviceOption(Dispatch), (found) =>
  Option.getOrElse(found, (): WorkDispatch => ({ mode: "in-process" })),
)

/** A request as JSON (the workers' queue) or a message to the runs thread carries it: a set of held ops to approve becomes their list. */
export interface SerializedRequest extends Omit<QueuedSyncRequest, "approveHeld" | "beforeApply"> {
  readonly approveHeld?: boolean | ReadonlyArray<string>
}

export const serializeRequest = (request: QueuedSyncRequest): SerializedRequest => {
  const { approveHeld, beforeApply: _beforeApply, ...rest } = request
  return {
    ...rest,
    ...(approveHeld === undefined
      ? {}
      : { approveHeld: typeof approveHeld === "boolean" ? approveHeld : [...approveHeld] }),
  }
}

export const deserializeRequest = (request: SerializedRequest): SyncRequest => {
  const { approveHeld, ...rest } = request
  return {
    ...rest,
    ...(approveHeld === undefined
      ? {}
      : { approveHeld: typeof approveHeld === "boolean" ? approveHeld : new Set(approveHeld) }),
  }
}
