import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { decodeAnswer } from "./Decode.ts"
import { vendorBody, vendorDecoder, vendorFields } from "./VendorRecord.ts"

const Slot = Schema.Struct({
  id: Schema.String,
  day: Schema.String,
  room: Schema.NullOr(Schema.Number),
})
const fields = vendorFields(
  Slot.fields,
  [
    { path: "day", key: "schedule.date" },
    { path: "room", key: "place.id" },
  ],
  { unmapped: { id: { key: "id", schema: Schema.String } } },
)
const SlotRecord = vendorDecoder<typeof Slot.Type>(fields)
const decodeSlot = decodeAnswer(Schema.decodeUnknown(SlotRecord), "docebo", "/slots")

describe("vendor records with nested keys", () => {
  it("reads a dotted key from the object it names, ignoring what no field reads", () => {
    const read = Schema.decodeUnknownSync(SlotRecord)({
      id: "s1",
      schedule: { date: "2025-03-10", offset: "GMT +01:00" },
      place: { id: 4, name: "Room A" },
    })
    expect(read).toEqual({ id: "s1", day: "2025-03-10", room: 4 })
  })

  it("reads a null object as null values: an event without a place has no room", () => {
    const read = Schema.decodeUnknownSync(SlotRecord)({ id: "s1", schedule: { date: "2025-03-10" }, place: null })
    expect(read.room).toBeNull()
  })

  it.effect("names a missing nested value by its path", () =>
    Effect.gen(function* () {
      const error = yield* decodeSlot('{"id":"s1","schedule":{},"place":null}').pipe(Effect.flip)
      expect([error.field, error.reason]).toEqual(["schedule.date", "schedule.date: is missing"])
      const noObject = yield* decodeSlot('{"id":"s1","place":null}').pipe(Effect.flip)
      expect(noObject.field).toBe("schedule.date")
    }),
  )

  it("writes nested keys as nested objects, which read back the same", () => {
    const body = vendorBody(fields)({ day: "2025-03-10", room: 4 })
    expect(body).toEqual({ schedule: { date: "2025-03-10" }, place: { id: 4 } })
    expect(Schema.decodeUnknownSync(SlotRecord)({ id: "s1", ...body })).toEqual({
      id: "s1",
      day: "2025-03-10",
      room: 4,
    })
  })

  it("encodes a record back to its nested shape", () => {
    const encoded = Schema.encodeSync(SlotRecord)({ id: "s1", day: "2025-03-10", room: null })
    expect(encoded).toEqual({ id: "s1", schedule: { date: "2025-03-10" }, place: { id: null } })
  })
})
