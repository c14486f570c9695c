import { describe, expect, it } from "@effect/vitest"
import { day, email, idSet, language, naturalKey, text, time, timeZone, upper } from "./Normalise.ts"

describe("normalisers put both APIs' spellings of a value in one form", () => {
  it("times: with or without seconds and leading zero", () => {
    expect(["9:00", "09:00", "09:00:00", " 09:00 "].map(time)).toEqual(["09:00", "09:00", "09:00", "09:00"])
    expect(time("17:30:59")).toBe("17:30")
  })

  it("time zones: case, aliases of UTC, legacy names kept canonical", () => {
    expect(timeZone("europe/paris")).toBe("Europe/Paris")
    expect(["UTC", "Etc/UTC", "GMT", "Z", "etc/utc"].map(timeZone)).toEqual(["UTC", "UTC", "UTC", "UTC", "UTC"])
    expect(timeZone(" Not/AZone ")).toBe("Not/AZone")
    expect(timeZone(timeZone("asia/kolkata"))).toBe(timeZone("asia/kolkata"))
  })

  it("languages: Docebo's names and TO's ISO codes compare equal; unknown names are kept", () => {
    expect(language("English")).toBe("en")
    expect(language("en")).toBe("en")
    expect(language("__proto__")).toBe("__proto__")
    expect(language("klingon")).toBe("klingon")
  })

  it("text, e-mail, country codes, days, sets and natural keys", () => {
    expect(text("  Safety 101 ")).toBe("Safety 101")
    expect(email(" Ann.Lee@Example.COM ")).toBe("ann.lee@example.com")
    expect(upper(" fr ")).toBe("FR")
    expect(upper("  ")).toBeNull()
    expect(day("2027-01-10T00:00:00Z")).toBe("2027-01-10")
    expect(idSet(["3", "1", "3"])).toEqual(["1", "3"])
    expect(naturalKey(" Main  Hall ", "PARIS")).toBe("main hall|paris")
  })
})
