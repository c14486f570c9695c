/**
 * Webhooks are stored before they are acknowledged and processed afterwards. The message id is the key, so a
 * delivery the sender retries (or sends twice) is recognised and not processed again.
 */
import { chunk, type Db, inTransaction, type WebhookInboxRow } from "./Database.ts"
import { toJsonText } from "./Json.ts"

export type WebhookSource = WebhookInboxRow["source"]

export interface WebhookMessage {
  readonly source: WebhookSource
  readonly messageId: string
  readonly receivedAt: string
  /** The payload as received; the processor decodes it with the sender's schema. */
  readonly body: unknown
  readonly status: WebhookInboxRow["status"]
  readonly error: string | null
  readonly processedAt: string | null
}

export const rowToWebhookMessage = (row: WebhookInboxRow): WebhookMessage => ({
  source: row.source,
  messageId: row.message_id,
  receivedAt: row.received_at,
  body: JSON.parse(row.body),
  status: row.status,
  error: row.error,
  processedAt: row.processed_at,
})

/** Stores a delivery as pending; false when a message with this id from this source was already stored. */
export const insertWebhookIfNew = async (
  db: Db,
  message: { readonly source: WebhookSource; readonly messageId: string; readonly receivedAt: string; body: unknown },
): Promise<boolean> => {
  const result = await db
    .insertInto("webhook_inbox")
    .values({
      source: message.source,
      message_id: message.messageId,
      received_at: message.receivedAt,
      body: toJsonText(message.body),
      status: "pending",
      error: null,
      processed_at: null,
    })
    .onConflict((oc) => oc.columns(["source", "message_id"]).doNothing())
    .executeTakeFirst()
  return result.numInsertedOrUpdatedRows === 1n
}

type NewWebhook = Parameters<typeof insertWebhookIfNew>[1]

/**
 * `insertWebhookIfNew` for deliveries that arrive together: those received in one turn of the event loop are
 * inserted in one transaction, and each caller's promise settles once that transaction has committed. A delivery
 * is still stored before it is acknowledged, while a burst costs one commit (and, with `synchronous = FULL`, one
 * fsync) instead of one each. A failed commit fails every delivery in it: none of them was stored.
 */
export const makeWebhookAdmission = (db: Db) => {
  let waiting: Array<{
    readonly message: NewWebhook
    readonly resolve: (fresh: boolean) => void
    readonly reject: (error: unknown) => void
  }> = []
  const commit = async () => {
    const batch = waiting
    waiting = []
    try {
      const fresh = await inTransaction(db, async (trx) => {
        const results: boolean[] = []
        for (const { message } of batch) results.push(await insertWebhookIfNew(trx, message))
        return results
      })
      for (const [index, { resolve }] of batch.entries()) resolve(fresh[index] === true)
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    }
  }
  return (message: NewWebhook): Promise<boolean> =>
    new Promise((resolve, reject) => {
      waiting.push({ message, resolve, reject })
      if (waiting.length === 1) setImmediate(commit)
    })
}

/** Pending deliveries in the order they arrived. */
export const listPendingWebhooks = async (db: Db, limit = 100): Promise<ReadonlyArray<WebhookMessage>> => {
  const rows = await db
    .selectFrom("webhook_inbox")
    .selectAll()
    .where("status", "=", "pending")
    .orderBy("received_at")
    .orderBy("source")
    .orderBy("message_id")
    .limit(limit)
    .execute()
  return rows.map(rowToWebhookMessage)
}

export const markWebhookDone = async (db: Db, source: WebhookSource, messageId: string, at: string) => {
  await db
    .updateTable("webhook_inbox")
    .set({ status: "done", error: null, processed_at: at })
    .where("source", "=", source)
    .where("message_id", "=", messageId)
    .execute()
}

export const markWebhookFailed = async (
  db: Db,
  source: WebhookSource,
  messageId: string,
  reason: string,
  at: string,
) => {
  await db
    .updateTable("webhook_inbox")
    .set({ status: "failed", error: reason, processed_at: at })
    .where("source", "=", source)
    .where("message_id", "=", messageId)
    .execute()
}

export interface WebhookSettlement {
  readonly source: WebhookSource
  readonly messageId: string
  /** Why processing failed; null when it succeeded (or there was nothing to do). */
  readonly failure: string | null
}

/**
 * Marks a batch's deliveries done or failed in one transaction: one update per source and outcome (a run's
 * deliveries share theirs) instead of a write, and a commit, per delivery.
 */
export const settleWebhooks = async (db: Db, settlements: ReadonlyArray<WebhookSettlement>, at: string) => {
  const groups = new Map<string, { source: WebhookSource; failure: string | null; ids: string[] }>()
  for (const { source, messageId, failure } of settlements) {
    const key = JSON.stringify([source, failure])
    const group = groups.get(key)
    if (group === undefined) groups.set(key, { source, failure, ids: [messageId] })
    else group.ids.push(messageId)
  }
  if (groups.size === 0) return
  await inTransaction(db, async (trx) => {
    for (const { source, failure, ids } of groups.values()) {
      for (const part of chunk(ids)) {
        await trx
          .updateTable("webhook_inbox")
          .set({ status: failure === null ? "done" : "failed", error: failure, processed_at: at })
          .where("source", "=", source)
          .where("message_id", "in", part)
          .execute()
      }
    }
  })
}

/**
 * Forgets processed deliveries received before `before`. Keep them at least as long as a sender retries, or a late
 * retry would be taken for a new message.
 */
export const pruneWebhooks = async (db: Db, before: string): Promise<number> => {
  const result = await db
    .deleteFrom("webhook_inbox")
    .where("status", "!=", "pending")
    .where("received_at", "<", before)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** How many deliveries wait to be processed (the queue depth of `/metrics`). */
export const countPendingWebhooks = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom("webhook_inbox")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
