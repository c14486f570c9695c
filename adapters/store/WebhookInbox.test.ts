import { beforeEach, expect, it } from "vitest"
import { type Db, inTransaction } from "./Database.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"
import {
  countPendingWebhooks,
  countWebhooksByStatus,
  insertWebhookIfNew,
  listPendingWebhooks,
  makeWebhookAdmission,
  markWebhookDone,
  markWebhookFailed,
  pruneWebhooks,
  settleWebhooks,
  takePendingWebhooks,
} from "./WebhookInbox.ts"

describeEachDialect("the webhook inbox", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("stores a delivery once: a repeated message id is recognised and ignored", async () => {
    const message = {
      source: "docebo" as const,
      messageId: "m-1",
      receivedAt: at(0),
      body: { event: "course.created" },
    }
    expect(await insertWebhookIfNew(db, message)).toBe(true)
    expect(await insertWebhookIfNew(db, { ...message, receivedAt: at(1), body: { event: "retry" } })).toBe(false)
    await markWebhookDone(db, "docebo", "m-1", at(2))
    expect(await insertWebhookIfNew(db, { ...message, receivedAt: at(3) })).toBe(false)
    expect(await listPendingWebhooks(db)).toEqual([])
  })

  it("keeps the same message id from the two systems apart", async () => {
    expect(await insertWebhookIfNew(db, { source: "docebo", messageId: "42", receivedAt: at(0), body: {} })).toBe(true)
    expect(await insertWebhookIfNew(db, { source: "to", messageId: "42", receivedAt: at(0), body: {} })).toBe(true)
    expect(await countPendingWebhooks(db)).toBe(2)
  })

  it("lists pending deliveries in arrival order until they are done or failed", async () => {
    await insertWebhookIfNew(db, { source: "to", messageId: "b", receivedAt: at(2), body: { n: 2 } })
    await insertWebhookIfNew(db, { source: "docebo", messageId: "a", receivedAt: at(1), body: { n: 1 } })
    await insertWebhookIfNew(db, { source: "docebo", messageId: "c", receivedAt: at(3), body: { n: 3 } })
    expect((await listPendingWebhooks(db)).map((m) => [m.messageId, m.body])).toEqual([
      ["a", { n: 1 }],
      ["b", { n: 2 }],
      ["c", { n: 3 }],
    ])
    await markWebhookDone(db, "docebo", "a", at(4))
    await markWebhookFailed(db, "to", "b", "unknown course", at(4))
    expect((await listPendingWebhooks(db)).map((m) => m.messageId)).toEqual(["c"])
    expect(await countPendingWebhooks(db)).toBe(1)
  })

  it("prunes processed deliveries older than the cut-off, never pending ones", async () => {
    await insertWebhookIfNew(db, { source: "docebo", messageId: "old-done", receivedAt: at(0), body: {} })
    await insertWebhookIfNew(db, { source: "docebo", messageId: "old-pending", receivedAt: at(0), body: {} })
    await insertWebhookIfNew(db, { source: "docebo", messageId: "new-done", receivedAt: at(30), body: {} })
    await markWebhookDone(db, "docebo", "old-done", at(1))
    await markWebhookDone(db, "docebo", "new-done", at(31))
    expect(await pruneWebhooks(db, at(10))).toBe(1)
    expect(
      await insertWebhookIfNew(db, { source: "docebo", messageId: "new-done", receivedAt: at(40), body: {} }),
    ).toBe(false)
    expect((await listPendingWebhooks(db)).map((m) => m.messageId)).toEqual(["old-pending"])
  })

  it("settles a batch at once: each delivery marked done or failed with its own run's reason", async () => {
    for (const [source, messageId] of [
      ["docebo", "a"],
      ["to", "a"],
      ["to", "b"],
      ["to", "c"],
      ["docebo", "left"],
    ] as const) {
      await insertWebhookIfNew(db, { source, messageId, receivedAt: at(0), body: {} })
    }
    await settleWebhooks(
      db,
      [
        { source: "docebo", messageId: "a", failure: null },
        { source: "to", messageId: "a", failure: "could not read sessions" },
        { source: "to", messageId: "b", failure: null },
        { source: "to", messageId: "c", failure: "could not read sessions" },
      ],
      at(5),
    )
    const rows = await db
      .selectFrom("webhook_inbox")
      .select(["source", "message_id", "status", "error", "processed_at"])
      .orderBy("source")
      .orderBy("message_id")
      .execute()
    expect(rows.map((row) => [row.source, row.message_id, row.status, row.error, row.processed_at])).toEqual([
      ["docebo", "a", "done", null, at(5)],
      ["docebo", "left", "pending", null, null],
      ["to", "a", "failed", "could not read sessions", at(5)],
      ["to", "b", "done", null, at(5)],
      ["to", "c", "failed", "could not read sessions", at(5)],
    ])
    await settleWebhooks(db, [], at(6))
    expect(await countPendingWebhooks(db)).toBe(1)
    expect(await countWebhooksByStatus(db)).toEqual({ pending: 1, done: 2, failed: 2, dead: 0 })
  })

  it("settles a delivery whatever the code units of its message id, and tells it from its look-alikes", async () => {
    // A lone surrogate cannot be stored as text as it is: it read back as other characters, the delivery could not be
    // settled by its id and ran again on every wake-up.
    const ids = ["\udc00p1", "\ufffdp1", "json:x", "nul\u0000id", "plain"]
    for (const messageId of ids) {
      expect(
        await insertWebhookIfNew(db, { source: "docebo", messageId, receivedAt: at(0), body: { messageId } }),
      ).toBe(true)
    }
    expect(await insertWebhookIfNew(db, { source: "docebo", messageId: "\udc00p1", receivedAt: at(1), body: {} })).toBe(
      false,
    )
    const pending = await listPendingWebhooks(db)
    expect(pending.map((message) => message.messageId).sort()).toEqual([...ids].sort())
    for (const message of pending) expect(message.body).toEqual({ messageId: message.messageId })
    await settleWebhooks(
      db,
      pending.map(({ source, messageId }) => ({ source, messageId, failure: null })),
      at(2),
    )
    expect(await countPendingWebhooks(db)).toBe(0)
  })

  it("gives a delivery up as dead once it was taken up the most times without settling, and never hands it out again", async () => {
    await insertWebhookIfNew(db, { source: "to", messageId: "poison", receivedAt: at(0), body: {} })
    await insertWebhookIfNew(db, { source: "to", messageId: "fine", receivedAt: at(1), body: {} })
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { taken, dead } = await takePendingWebhooks(db, 10, 3, at(attempt))
      expect(taken.map((message) => [message.messageId, message.attempts])).toEqual([
        ["poison", attempt],
        ...(attempt === 1 ? [["fine", 1]] : []),
      ])
      expect(dead).toEqual([])
      if (attempt === 1) await settleWebhooks(db, [{ source: "to", messageId: "fine", failure: null }], at(1))
    }
    const last = await takePendingWebhooks(db, 10, 3, at(9))
    expect(last.taken).toEqual([])
    expect(last.dead.map((message) => message.messageId)).toEqual(["poison"])
    expect(await takePendingWebhooks(db, 10, 3, at(10))).toEqual({ taken: [], dead: [] })
    const row = await db.selectFrom("webhook_inbox").selectAll().where("message_id", "=", "poison").executeTakeFirst()
    expect([row?.status, row?.error, row?.attempts]).toEqual([
      "dead",
      "given up after 3 attempts that did not settle",
      3,
    ])
  })

  it("admits deliveries received together in one commit, each told whether it was new, a repeat among them too", async () => {
    const admit = makeWebhookAdmission(db)
    const message = (messageId: string) => ({
      source: "to" as const,
      messageId,
      receivedAt: at(0),
      body: { messageId },
    })
    await admit(message("old"))
    const answers = await Promise.all(["new-1", "old", "new-2", "new-1"].map((id) => admit(message(id))))
    expect(answers).toEqual([true, false, true, false])
    expect((await listPendingWebhooks(db)).map((m) => m.messageId).sort()).toEqual(["new-1", "new-2", "old"])
  })

  it("stores a delivery once when two processes receive it at once, and tells only one of them it was new", async () => {
    const [first, second] = [makeWebhookAdmission(db), makeWebhookAdmission(db)]
    const ids = Array.from({ length: 40 }, (_, n) => `m-${n % 25}`)
    const answers = await Promise.all(
      ids.flatMap((messageId, n) =>
        [first, second].map((admit) =>
          admit({ source: "docebo", messageId, receivedAt: at(n), body: { messageId } }).then((fresh) => ({
            messageId,
            fresh,
          })),
        ),
      ),
    )
    const newOnes = answers.filter((answer) => answer.fresh).map((answer) => answer.messageId)
    expect(newOnes.sort()).toEqual([...new Set(ids)].sort())
    expect(await countPendingWebhooks(db)).toBe(25)
  })

  it("stores none of a group whose commit fails, and fails each of them", async () => {
    const admit = makeWebhookAdmission(db)
    const good = admit({ source: "to", messageId: "good", receivedAt: at(0), body: {} })
    // A body with no JSON form fails the insert, and with it the group's transaction.
    const bad = admit({ source: "to", messageId: "bad", receivedAt: at(0), body: undefined })
    await expect(good).rejects.toThrow(TypeError)
    await expect(bad).rejects.toThrow(TypeError)
    expect(await countPendingWebhooks(db)).toBe(0)
    expect(await admit({ source: "to", messageId: "good", receivedAt: at(1), body: {} })).toBe(true)
  })
})

describeEachDialect(
  "the webhook inbox shared by workers",
  (dialect) => {
    it("hands a take the deliveries another take holds to neither wait for it nor take them twice", async () => {
      const db = await dialect.openMigrated()
      for (const messageId of ["a", "b", "c"]) {
        await insertWebhookIfNew(db, { source: "to", messageId, receivedAt: at(messageId.charCodeAt(0)), body: {} })
      }
      await inTransaction(db, async (trx) => {
        const held = await takePendingWebhooks(trx, 2, 5, at(1))
        // Another connection, while the first take has not committed.
        const other = await takePendingWebhooks(db, 10, 5, at(1))
        expect(held.taken.map((message) => message.messageId)).toEqual(["a", "b"])
        expect(other.taken.map((message) => [message.messageId, message.attempts])).toEqual([["c", 1]])
      })
      const attempts = await db
        .selectFrom("webhook_inbox")
        .select(["message_id", "attempts"])
        .orderBy("message_id")
        .execute()
      expect(attempts.map((row) => row.attempts)).toEqual([1, 1, 1])
    })
  },
  // On SQLite the second take would wait for the first transaction, which waits for it.
  ["postgres"],
)
