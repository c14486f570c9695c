import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import type { DoceboCourseId } from "../../engine/model/Ids.ts"
import { ToPort } from "../../engine/Ports.ts"
import type { ToSeed } from "../../simulators/training-orchestra/index.ts"
import type { Fetch } from "../http/Fetch.ts"
import { toSeed } from "./testing/Seed.ts"
import { simulatedTo } from "./testing/Simulated.ts"
import { readToSnapshot } from "./testing/Snapshot.ts"

const faults = { error429Rate: 0.2, error503Rate: 0.2, latencyMs: 2, dropAfterCommitRate: 0.2, seed: 7 }

describe("Training Orchestra under faults", () => {
  it.scoped("with 429s, 503s, latency and lost answers, a full snapshot still completes and reads the same", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedTo({ seed: toSeed })
      const calm = yield* run(readToSnapshot())
      yield* Effect.promise(() => sim.control("POST", "faults", faults))

      const stormy = yield* run(readToSnapshot())

      expect(stormy).toEqual(calm)
      const statuses = sim.state.calls.summary().counts.map((count) => count.status)
      expect(statuses).toContain(429)
      expect(statuses).toContain(503)
    }),
  )

  it.scoped("creates with idempotency keys end created once each, whatever answers were lost", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedTo({ seed: toSeed })
      yield* Effect.promise(() => sim.control("POST", "faults", faults))
      const names = Array.from({ length: 12 }, (_, index) => `Provider ${index}`)

      const results = yield* run(
        Effect.flatMap(ToPort, (to) =>
          Effect.forEach(names, (name) =>
            Effect.either(to.write({ kind: "createProvider", name }, { idempotencyKey: `req_${name}` })),
          ),
        ),
      )

      const providers = sim.state.snapshot().training_providers
      for (const [index, result] of results.entries()) {
        const made = providers.filter((provider) => provider.name === names[index])
        expect(made.length).toBeLessThanOrEqual(1)
        if (Either.isRight(result)) expect(made.map((provider) => provider.id)).toEqual([result.right.id])
        else expect(["WriteRejected", "WriteAmbiguous"]).toContain(result.left._tag)
      }
      expect(results.filter(Either.isRight).length).toBeGreaterThan(names.length / 2)
    }),
  )

  it.scoped("a create without a key is never sent twice: a lost answer is WriteAmbiguous", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedTo({ seed: toSeed })
      // The token is had first: a token call is a POST too, and would lose its answer as well.
      yield* run(Effect.flatMap(ToPort, (to) => to.list("courses")))
      yield* Effect.promise(() => sim.control("POST", "faults", { dropAfterCommitRate: 1 }))
      const course = {
        code: "LOST",
        title: "Lost answer",
        modality: "online",
        language: "en",
        active: true,
        externalRef: "77" as DoceboCourseId,
      } as const

      const error = yield* run(Effect.flatMap(ToPort, (to) => to.write({ kind: "createCourse", course }))).pipe(
        Effect.flip,
      )

      expect(error._tag === "WriteAmbiguous" && [error.system, error.write]).toEqual(["to", "createCourse"])
      expect(sim.state.snapshot().courses.filter((row) => row.code === "LOST")).toHaveLength(1)
    }),
  )

  it.scoped("a page that keeps failing after the first leaves the listing partial with what was read", () =>
    Effect.gen(function* () {
      const manyLocations: ToSeed = {
        locations: Array.from({ length: 650 }, (_, index) => ({ id: `loc_${index}`, name: `Place ${index}` })),
      }
      const failLaterPages =
        (fetch: Fetch): Fetch =>
        (input, init) =>
          input.includes("cursor=")
            ? Promise.resolve(new Response("upstream down", { status: 503 }))
            : fetch(input, init)
      const { run } = yield* simulatedTo({ seed: manyLocations, wrapFetch: failLaterPages })

      const listing = yield* run(Effect.flatMap(ToPort, (to) => to.list("locations")))

      expect(listing.complete).toBe(false)
      expect(listing.items).toHaveLength(500)
      expect(listing.newest).not.toBeNull()
    }),
  )
})
