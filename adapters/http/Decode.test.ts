import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { decodeAnswer, decodeQuietly, fieldPath } from "./Decode.ts"
import { renamed } from "./Schemas.ts"

const Page = Schema.Struct({
  data: Schema.Struct({
    items: Schema.Array(Schema.Struct({ id: Schema.Number, language: renamed("lang_code", Schema.String) })),
  }),
})
const decodePage = decodeAnswer(Schema.decodeUnknown(Page), "docebo", "/learn/v1/courses")

describe("decoding answers", () => {
  it("names fields the way a reader finds them in the JSON", () => {
    expect(fieldPath(["data", "items", 3, "id_course"])).toBe("data.items[3].id_course")
    expect(fieldPath([])).toBe("body")
  })

  it.effect("a renamed field is reported under the vendor's name", () =>
    Effect.gen(function* () {
      const error = yield* decodePage('{"data":{"items":[{"id":1,"lang_code":"en"},{"id":2}]}}').pipe(Effect.flip)
      expect([error.field, error.reason]).toEqual(["data.items[1].lang_code", "data.items[1].lang_code: is missing"])
    }),
  )

  it.effect("every problem is listed, the first named as the field", () =>
    Effect.gen(function* () {
      const error = yield* decodePage('{"data":{"items":[{"id":"1","lang_code":5}]}}').pipe(Effect.flip)
      expect(error.field).toBe("data.items[0].id")
      expect(error.reason).toContain("data.items[0].lang_code")
    }),
  )

  it.effect("a token answer's problems never show its values", () =>
    Effect.gen(function* () {
      const decodeToken = decodeQuietly(Schema.decodeUnknown(Schema.Struct({ access_token: Schema.String })))
      const reason = yield* decodeToken('{"access_token":["sekrit-token-value"]}').pipe(Effect.flip)
      expect(reason).toBe("access_token is malformed")
    }),
  )
})
