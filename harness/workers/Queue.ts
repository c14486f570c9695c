/**
 * The job queue the API process and the workers share: graphile-worker on the main PostgreSQL database, in a schema
 * of its own. Each tenant has a queue (graphile-worker runs a queue's jobs one at a time, whatever the number of
 * workers), so two runs of one tenant never overlap; an operator's or a webhook's work goes before periodic work;
 * a job that throws is tried again with graphile-worker's exponential backoff.
 */
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker"
import { queueSchema } from "../../adapters/store/TenantStore.ts"
import type { RequestPriority } from "../../engine/Ports.ts"
import { serializeRequest, type WorkDispatch } from "../service/Dispatch.ts"

export const tasks = {
  /** A job an operator started (`POST /sync`): `{ tenant, jobId, request }`. */
  job: "iltsync_job",
  /** A tenant's pending webhook deliveries: `{ tenant }`. */
  inbox: "iltsync_inbox",
  /** A tenant's periodic full reconcile: `{ tenant }`. */
  reconcile: "iltsync_reconcile",
  /** Every active tenant's periodic reconcile, queued by the workers' cron. */
  reconcileAll: "iltsync_reconcile_all",
} as const

/** graphile-worker runs the numerically smaller priority first. */
export const priorityOf = (priority: RequestPriority) => (priority === "interactive" ? 0 : 10)

export const tenantQueue = (tenant: string) => `tenant:${tenant}`

export interface WorkQueue {
  readonly utils: WorkerUtils
  readonly schema: string
  /** How the API process hands tenant `tenant`'s work to the workers. */
  readonly dispatchFor: (tenant: string) => WorkDispatch
  readonly close: () => Promise<void>
}

/** Opens the queue on the main store's database, making or updating its schema. */
export const openWorkQueue = async (main: string): Promise<WorkQueue> => {
  const schema = queueSchema(main)
  const utils = await makeWorkerUtils({ connectionString: main, schema })
  try {
    await utils.migrate()
  } catch (error) {
    await utils.release()
    throw error
  }
  return {
    utils,
    schema,
    dispatchFor: (tenant) => ({
      mode: "queued",
      job: async (jobId, request) => {
        await utils.addJob(
          tasks.job,
          { tenant, jobId, request: serializeRequest(request) },
          {
            queueName: tenantQueue(tenant),
            priority: priorityOf(request.priority),
            maxAttempts: 5,
            jobKey: `job:${jobId}`,
          },
        )
      },
      // One waiting job per tenant gathers every delivery stored before it runs; one stored while it runs queues
      // the next (graphile-worker does not fold a new job into a running one).
      inbox: async () => {
        await utils.addJob(
          tasks.inbox,
          { tenant },
          {
            queueName: tenantQueue(tenant),
            priority: priorityOf("interactive"),
            maxAttempts: 25,
            jobKey: `inbox:${tenant}`,
            jobKeyMode: "preserve_run_at",
          },
        )
      },
    }),
    close: async () => {
      await utils.release()
    },
  }
}
