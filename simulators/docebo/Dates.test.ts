import { describe, expect, it } from "vitest"
import { gmtOffset } from "./Dates.ts"

describe("schedule offsets", () => {
  it("says how far the event's zone is ahead of UTC on its day, as Docebo writes it", () => {
    expect(gmtOffset("2025-07-01", "09:00:00", "Europe/Paris")).toBe("GMT +02:00")
    expect(gmtOffset("2025-01-15", "09:00:00", "Europe/Paris")).toBe("GMT +01:00")
    expect(gmtOffset("2025-01-15", "09:00:00", "America/New_York")).toBe("GMT -05:00")
    expect(gmtOffset("2025-03-10", "09:00:00", "America/New_York")).toBe("GMT -04:00")
    expect(gmtOffset("2025-01-15", "09:00:00", "Asia/Kolkata")).toBe("GMT +05:30")
    expect(gmtOffset("2025-01-15", "09:00:00", "UTC")).toBe("GMT +00:00")
  })
})
