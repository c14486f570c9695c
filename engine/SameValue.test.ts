import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { reallyChanged } from "./Reads.ts"
import { sameValue } from "./SameValue.ts"

/** The same record with its keys in reverse order, at every depth. */
const reordered = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reordered)
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  )
}

describe("a record read again", () => {
  it("with its fields listed in another order is not a change", () => {
    const kept = { id: "ses_1", name: "Paris", slots: [{ id: "s1", start: "09:00", roomId: null }], trainerId: "trn_1" }
    const read = { trainerId: "trn_1", slots: [{ roomId: null, start: "09:00", id: "s1" }], name: "Paris", id: "ses_1" }
    expect(reallyChanged([kept], [read])).toEqual([])
  })

  it("with any value changed, added or removed is a change", () => {
    interface Session {
      readonly id: string
      readonly name: string
      readonly slots: ReadonlyArray<{ readonly id: string }>
      readonly code?: string | null
    }
    const kept: Session = { id: "ses_1", name: "Paris", slots: [{ id: "s1" }], code: null }
    expect(reallyChanged([kept], [{ ...kept, name: "Lyon" }])).toHaveLength(1)
    expect(reallyChanged([kept], [{ ...kept, slots: [{ id: "s1" }, { id: "s2" }] }])).toHaveLength(1)
    expect(reallyChanged<Session>([kept], [{ id: "ses_1", name: "Paris", slots: [{ id: "s1" }] }])).toHaveLength(1)
    expect(reallyChanged([kept], [{ ...kept, code: "P-1" }])).toHaveLength(1)
    expect(reallyChanged([kept], [{ ...kept, id: "ses_2" }])).toHaveLength(1)
  })

  it("is the same exactly when its JSON with sorted keys is", () =>
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const sorted = (value: unknown): string =>
          JSON.stringify(reordered(value), (_k, v) =>
            v !== null && typeof v === "object" && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
              : v,
          )
        expect(sameValue(a, reordered(a))).toBe(true)
        expect(sameValue(a, b)).toBe(sorted(a) === sorted(b))
      }),
    ))
})
