import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { DOCEBO_TEST_CREDENTIALS } from "../../simulators/docebo/index.ts"
import type { Fetch } from "../http/Fetch.ts"
import { bearerOf, jsonAnswer } from "../http/testing/Answers.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { ids, write } from "./testing/Writes.ts"

const listLocations = Effect.flatMap(DoceboPort, (docebo) => docebo.locations())

describe("Docebo tokens", () => {
  it.scoped("one token serves every call, and a new one comes shortly before it expires", () =>
    Effect.gen(function* () {
      const { run, sim, clock } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* run(Effect.all([listLocations, listLocations, listLocations], { concurrency: "unbounded" }))
      expect(sim.state.calls.count("POST", "/oauth2/token")).toBe(1)

      clock.advance(59.5 * 60_000)
      yield* run(listLocations)
      expect(sim.state.calls.count("POST", "/oauth2/token")).toBe(2)
      expect(sim.state.calls.count("GET", "/learn/v1/location", 401)).toBe(0)
    }),
  )

  it.scoped("the client-credentials grant works too", () =>
    Effect.gen(function* () {
      const { clientId, clientSecret } = DOCEBO_TEST_CREDENTIALS
      const { run } = yield* simulatedDocebo({
        seed: doceboSeed,
        config: { credentials: { grant: "client_credentials", clientId, clientSecret } },
      })
      expect((yield* run(listLocations)).items).toHaveLength(2)
    }),
  )

  it.scoped("a token refused with 401 is replaced once and the call sent once more", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* run(listLocations)
      sim.state.tokens.clear()

      expect((yield* run(listLocations)).complete).toBe(true)
      expect(sim.state.calls.count("POST", "/oauth2/token")).toBe(2)
      expect(sim.state.calls.count("GET", "/learn/v1/location", 401)).toBe(1)
    }),
  )

  it.scoped("a write refused with 401 twice is a WriteRejected that shows neither token nor password", () =>
    Effect.gen(function* () {
      const seen = new Set<string>()
      const echoToken =
        (fetch: Fetch): Fetch =>
        async (input, init) => {
          const token = bearerOf(init)
          if (token === undefined) return fetch(input, init)
          seen.add(token)
          return jsonAnswer({ name: "Unauthorized", message: `Bearer ${token} expired`, code: 0, status: 401 }, 401)
        }
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed, wrapFetch: echoToken })

      const error = yield* run(write({ kind: "updateUser", userId: ids.user("10"), fields: { firstName: "A" } })).pipe(
        Effect.flip,
      )

      expect(error._tag === "WriteRejected" && error.status).toBe(401)
      expect(seen.size).toBe(2)
      expect(sim.state.calls.count("POST", "/oauth2/token")).toBe(2)
      const text = `${JSON.stringify(error)} ${error.reason} ${String(error)}`
      const { clientSecret, password } = DOCEBO_TEST_CREDENTIALS
      for (const secret of [...seen, clientSecret, password]) expect(text).not.toContain(secret)
    }),
  )

  it.scoped("a wrong password is a ReadFailed naming the token call, without the password", () =>
    Effect.gen(function* () {
      const { clientId, clientSecret, username } = DOCEBO_TEST_CREDENTIALS
      const password = "wrong-horse-battery"
      const { run } = yield* simulatedDocebo({
        seed: doceboSeed,
        config: { credentials: { grant: "password", clientId, clientSecret, username, password } },
      })
      const error = yield* run(listLocations).pipe(Effect.flip)
      expect(error._tag === "ReadFailed" && error.status).toBe(400)
      expect(error.reason).toContain("invalid_grant")
      expect(JSON.stringify(error)).not.toContain(password)
    }),
  )
})
