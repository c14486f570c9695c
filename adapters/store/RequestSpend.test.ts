import { beforeEach, expect, it } from "vitest"
import type { Db } from "./Database.ts"
import { loadRequestSpend, recordRequestSpend } from "./RequestSpend.ts"
import { describeEachDialect } from "./testing/Fixtures.ts"

const hour = 3_600_000

describeEachDialect("the request ledger", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("gives back the calls sent inside the window, per system, and forgets older ones as it records", async () => {
    for (const at of [0, 1_000, 2_000]) await recordRequestSpend(db, "docebo", at, hour)
    await recordRequestSpend(db, "to", 1_500, hour)
    expect(await loadRequestSpend(db, "docebo", 500)).toEqual([1_000, 2_000])
    expect(await loadRequestSpend(db, "to", -1)).toEqual([1_500])
    await recordRequestSpend(db, "docebo", hour + 1_000, hour)
    expect(await loadRequestSpend(db, "docebo", -1)).toEqual([2_000, hour + 1_000])
    expect(await loadRequestSpend(db, "to", -1)).toEqual([1_500])
  })

  it("keeps the epoch milliseconds of today's calls, past 2^31, exactly", async () => {
    const now = Date.UTC(2027, 0, 10, 9, 0, 0, 123)
    await recordRequestSpend(db, "docebo", now, hour)
    await recordRequestSpend(db, "docebo", now + 1, hour)
    expect(await loadRequestSpend(db, "docebo", now - hour)).toEqual([now, now + 1])
  })
})
