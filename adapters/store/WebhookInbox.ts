/**
 * Webhooks are stored before they are acknowledged and processed afterwards. The message id is the key, so a
 * delivery the sender retries (or sends twice) is recognised and not processed again.
 */
import { chunk, type Db, inTransaction, isPostgres, type WebhookInboxRow } from "./Database.ts"
import { appendEvents } from "./EventLog.ts"
import { toJsonText } from "./Json.ts"

export type WebhookSource = WebhookInboxRow["source"]

/**
 * A message id is the sender's string, whatever its code units: one with a lone surrogate (or a NUL) cannot be stored
 * as text as it is (SQLite keeps bytes that read back as something else, so the delivery could never be settled by its
 * id; PostgreSQL refuses them). Such ids, and any that starts with the mark, are stored escaped as JSON behind the
 * mark; every other id is stored as it is. The mapping is one to one, so duplicates are still told apart exactly.
 */
const escapedMark = "json:"

/** A surrogate without its pair (`String.prototype.isWellFormed` is not in Node 20's TypeScript lib). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const storable = (id: string) => !loneSurrogate.test(id) && !id.includes("\0") && !id.startsWith(escapedMark)

export const storedMessageId = (id: string): string => (storable(id) ? id : `${escapedMark}${JSON.stringify(id)}`)

export const messageIdOf = (stored: string): string =>
  stored.startsWith(escapedMark) ? (JSON.parse(stored.slice(escapedMark.length)) as string) : stored

export interface WebhookMessage {
  readonly source: WebhookSource
  readonly messageId: string
  readonly receivedAt: string
  /** The payload as received; the processor decodes it with the sender's schema. */
  readonly body: unknown
  readonly status: WebhookInboxRow["status"]
  readonly error: string | null
  readonly processedAt: string | null
  /** How many times the worker has taken it up, this time included. */
  readonly attempts: number
}

export const rowToWebhookMessage = (row: WebhookInboxRow): WebhookMessage => ({
  source: row.source,
  messageId: messageIdOf(row.message_id),
  receivedAt: row.received_at,
  body: JSON.parse(row.body),
  status: row.status,
  error: row.error,
  processedAt: row.processed_at,
  attempts: row.attempts,
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
      message_id: storedMessageId(message.messageId),
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

const keyOf = (message: NewWebhook) => `${message.source}\u0000${storedMessageId(message.messageId)}`
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * `insertWebhookIfNew` for deliveries that arrive together: those received in one turn of the event loop are
 * inserted in one transaction, and each caller's promise settles once that transaction has committed. A delivery
 * is still stored before it is acknowledged, while a burst costs one commit (and, with `synchronous = FULL`, one
 * fsync) instead of one each. A failed commit fails every delivery in it: none of them was stored.
 *
 * On PostgreSQL the next group's transaction may start before this one has committed, and another process may be
 * storing the same deliveries: the primary key (source, message id) still lets one of them in, the other waiting on
 * it and then told it was already stored. Each group inserts in the order of that key, so two groups holding the
 * same ids wait for each other instead of deadlocking.
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
      const inKeyOrder = batch.toSorted((a, b) => compareKeys(keyOf(a.message), keyOf(b.message)))
      const fresh = await inTransaction(db, async (trx) => {
        const results = new Map<(typeof batch)[number], boolean>()
        for (const entry of inKeyOrder) results.set(entry, await insertWebhookIfNew(trx, entry.message))
        return results
      })
      for (const entry of batch) entry.resolve(fresh.get(entry) === true)
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

const pending = (db: Db, limit: number) =>
  db
    .selectFrom("webhook_inbox")
    .selectAll()
    .where("status", "=", "pending")
    .orderBy("received_at")
    .orderBy("source")
    .orderBy("message_id")
    .limit(limit)

/** Pending deliveries in the order they arrived. */
export const listPendingWebhooks = async (db: Db, limit = 100): Promise<ReadonlyArray<WebhookMessage>> =>
  (await pending(db, limit).execute()).map(rowToWebhookMessage)

/** The worker's take of the inbox: what it works on now, and what it gives up on. */
export interface TakenWebhooks {
  /** Pending deliveries, each counted as taken up once more. */
  readonly taken: ReadonlyArray<WebhookMessage>
  /** Deliveries taken up `maxAttempts` times that never settled: now `dead`. */
  readonly dead: ReadonlyArray<WebhookMessage>
}

/** A pending delivery's key and count of takes, as a take locks it (its body is read after the take commits). */
interface PendingKey {
  readonly source: WebhookSource
  readonly message_id: string
  readonly received_at: string
  readonly attempts: number
}

const storedKeys = (keys: ReadonlyArray<PendingKey>, source: WebhookSource) =>
  keys.filter((key) => key.source === source).map((key) => key.message_id)

/** The full deliveries of `keys`, in their order. */
const withBodies = async (db: Db, keys: ReadonlyArray<PendingKey>): Promise<ReadonlyArray<WebhookMessage>> => {
  const found = new Map<string, WebhookMessage>()
  for (const source of ["docebo", "to"] as const) {
    for (const ids of chunk(storedKeys(keys, source))) {
      const rows = await db
        .selectFrom("webhook_inbox")
        .selectAll()
        .where("source", "=", source)
        .where("message_id", "in", ids)
        .execute()
      for (const row of rows) found.set(`${row.source}\u0000${row.message_id}`, rowToWebhookMessage(row))
    }
  }
  return keys.flatMap((key) => {
    const message = found.get(`${key.source}\u0000${key.message_id}`)
    return message === undefined ? [] : [message]
  })
}

/**
 * Takes up to `limit` pending deliveries in arrival order and counts the attempt before any work starts, so that a
 * delivery whose work never settles (the process dies on it each time, or its settlement fails) is given up on after
 * `maxAttempts` takes: it becomes `dead`, with the reason, and is never run again. Each one given up on is written to
 * the event log in the same transaction, where the operator looks for what iltsync did not do. On PostgreSQL the
 * rows taken stay locked until the take commits, and a take at the same time (another worker) skips them rather
 * than counting an attempt twice or waiting.
 *
 * The take's transaction reads keys only: on SQLite it holds the store's one write lock, which every webhook being
 * accepted meanwhile waits for, so the bodies (and decoding them) come after it commits. A body never changes.
 */
export const takePendingWebhooks = async (
  db: Db,
  limit: number,
  maxAttempts: number,
  at: string,
): Promise<TakenWebhooks> => {
  const keys = await inTransaction(db, async (trx) => {
    const rows: ReadonlyArray<PendingKey> = await trx
      .selectFrom("webhook_inbox")
      .select(["source", "message_id", "received_at", "attempts"])
      .where("status", "=", "pending")
      .orderBy("received_at")
      .orderBy("source")
      .orderBy("message_id")
      .limit(limit)
      .$if(isPostgres(trx), (select) => select.forUpdate().skipLocked())
      .execute()
    const dead = rows.filter((row) => row.attempts >= maxAttempts)
    const taken = rows.filter((row) => row.attempts < maxAttempts)
    for (const source of ["docebo", "to"] as const) {
      for (const ids of chunk(storedKeys(taken, source)))
        await trx
          .updateTable("webhook_inbox")
          .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
          .where("source", "=", source)
          .where("message_id", "in", ids)
          .execute()
      for (const ids of chunk(storedKeys(dead, source)))
        await trx
          .updateTable("webhook_inbox")
          .set({
            status: "dead",
            error: `given up after ${maxAttempts} attempts that did not settle`,
            processed_at: at,
          })
          .where("source", "=", source)
          .where("message_id", "in", ids)
          .execute()
    }
    await appendEvents(
      trx,
      dead.map((row) => ({
        at,
        user: "iltsync",
        action: "webhook.dead",
        details: {
          source: row.source === "to" ? "training-orchestra" : "docebo",
          messageId: messageIdOf(row.message_id),
          receivedAt: row.received_at,
          attempts: row.attempts,
          reason: "its processing never settled: the process stopped or the store failed each time it was taken up",
        },
      })),
    )
    return { taken, dead }
  })
  // Read as the take left them: each taken one's attempt counted, each given up on `dead`.
  return { taken: await withBodies(db, keys.taken), dead: await withBodies(db, keys.dead) }
}

export const markWebhookDone = async (db: Db, source: WebhookSource, messageId: string, at: string) => {
  await db
    .updateTable("webhook_inbox")
    .set({ status: "done", error: null, processed_at: at })
    .where("source", "=", source)
    .where("message_id", "=", storedMessageId(messageId))
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
    .where("message_id", "=", storedMessageId(messageId))
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
    if (group === undefined) groups.set(key, { source, failure, ids: [storedMessageId(messageId)] })
    else group.ids.push(storedMessageId(messageId))
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

/** How many deliveries there are in each state (`/metrics`). */
export const countWebhooksByStatus = async (db: Db): Promise<Readonly<Record<WebhookInboxRow["status"], number>>> => {
  const rows = await db
    .selectFrom("webhook_inbox")
    .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute()
  const counts = { pending: 0, done: 0, failed: 0, dead: 0 }
  for (const row of rows) counts[row.status] = Number(row.count)
  return counts
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
