import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { ToPort } from "../../engine/Ports.ts"
import { TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import type { Fetch } from "../http/Fetch.ts"
import { bearerOf, jsonAnswer } from "../http/testing/Answers.ts"
import { toSeed } from "./testing/Seed.ts"
import { simulatedTo } from "./testing/Simulated.ts"

const listCourses = Effect.flatMap(ToPort, (to) => to.list("courses"))
const tokenCalls = (sim: { state: { calls: { count: (method: string, template: string) => number } } }) =>
  sim.state.calls.count("POST", "/oauth/token")

describe("Training Orchestra tokens", () => {
  it.scoped("one token serves every call until shortly before it expires", () =>
    Effect.gen(function* () {
      const { run, sim, clock } = yield* simulatedTo({ seed: toSeed })
      yield* run(Effect.all([listCourses, listCourses, listCourses]))
      expect(tokenCalls(sim)).toBe(1)

      clock.advance((29 * 60 + 30) * 1000)
      yield* run(listCourses)
      expect(tokenCalls(sim)).toBe(2)
      expect(sim.state.calls.count("GET", "/api/v1/courses", 401)).toBe(0)
    }),
  )

  it.scoped("a token refused with 401 is replaced once and the call sent once more", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedTo({ seed: toSeed })
      yield* run(listCourses)
      sim.state.tokens.clear()

      const listing = yield* run(listCourses)

      expect(listing.complete).toBe(true)
      expect(tokenCalls(sim)).toBe(2)
      expect(sim.state.calls.count("GET", "/api/v1/courses", 401)).toBe(1)
    }),
  )

  it.scoped("a second 401 is a ReadFailed, and no error text ever shows the token or the secret", () =>
    Effect.gen(function* () {
      const seen = new Set<string>()
      const echoToken =
        (fetch: Fetch): Fetch =>
        async (input, init) => {
          const token = bearerOf(init)
          if (token === undefined) return fetch(input, init)
          seen.add(token)
          return jsonAnswer({ title: "Unauthorized", status: 401, detail: `token ${token} is not valid` }, 401)
        }
      const { run, sim } = yield* simulatedTo({ seed: toSeed, wrapFetch: echoToken })

      const error = yield* run(listCourses).pipe(Effect.flip)

      expect(error._tag === "ReadFailed" && error.status).toBe(401)
      expect(seen.size).toBe(2)
      expect(tokenCalls(sim)).toBe(2)
      const text = `${JSON.stringify(error)} ${error.reason} ${String(error)}`
      for (const secret of [...seen, TO_TEST_CREDENTIALS.clientSecret]) expect(text).not.toContain(secret)
      expect(error.reason).toContain("[redacted]")
    }),
  )

  it.scoped("wrong credentials are a ReadFailed that does not show the secret", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed, config: { clientSecret: "not-the-secret-at-all" } })
      const error = yield* run(listCourses).pipe(Effect.flip)
      expect(error._tag === "ReadFailed" && error.status).toBe(401)
      expect(error.reason).toContain("token call failed")
      expect(JSON.stringify(error)).not.toContain("not-the-secret-at-all")
    }),
  )
})
