/**
 * Two connections to one SQLite file, as the service's thread and its runs thread hold them: a writer waiting for
 * the other's transaction leaves its event loop free, and a transaction that reads before it writes is not failed by
 * the other's write in between.
 */
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import SqliteDatabase from "better-sqlite3"
import { sql } from "kysely"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { inTransaction } from "./Database.ts"
import { makeSqliteDatabase } from "./Sqlite.ts"

let folder = ""
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-sqlite-"))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe("a writing transaction on the SQLite store", () => {
  it("waits for another connection's write lock without blocking the event loop, then commits", async () => {
    const path = join(folder, "store.db")
    const db = makeSqliteDatabase(path)
    await sql`create table notes (text text not null)`.execute(db)
    const other = new SqliteDatabase(path, { timeout: 0 })
    try {
      other.exec("begin immediate")
      other.exec("insert into notes values ('other')")
      let committed = false
      const writing = inTransaction(db, async (trx) => {
        await sql`insert into notes values ('mine')`.execute(trx)
      }).then(() => {
        committed = true
      })
      // The event loop turns while the write waits: requests would be answered meanwhile.
      let turns = 0
      for (; turns < 20; turns++) await turn()
      expect(committed).toBe(false)
      other.exec("commit")
      await writing
      const rows = await sql<{ text: string }>`select text from notes order by rowid`.execute(db)
      expect(rows.rows.map((row) => row.text)).toEqual(["other", "mine"])
    } finally {
      other.close()
      await db.destroy()
    }
  })

  it("that reads before it writes commits although another connection wrote in between", async () => {
    const path = join(folder, "store.db")
    const db = makeSqliteDatabase(path)
    await sql`create table notes (text text not null)`.execute(db)
    const other = new SqliteDatabase(path, { timeout: 0 })
    try {
      await inTransaction(db, async (trx) => {
        const before = await sql<{ n: number }>`select count(*) as n from notes`.execute(trx)
        // Another connection tries to write while this transaction decides: it must wait, not slip in.
        expect(() => other.prepare("insert into notes values ('other')").run()).toThrow(/locked|busy/i)
        await sql`insert into notes values (${`after ${before.rows[0]?.n}`})`.execute(trx)
      })
      other.prepare("insert into notes values ('other')").run()
      const rows = await sql<{ text: string }>`select text from notes order by rowid`.execute(db)
      expect(rows.rows.map((row) => row.text)).toEqual(["after 0", "other"])
    } finally {
      other.close()
      await db.destroy()
    }
  })
})
