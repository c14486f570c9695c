import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { answerWith, jsonAnswer } from "../http/testing/Answers.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { ids } from "./testing/Writes.ts"

const refusal = (message: string) => jsonAnswer({ name: "Bad Request", message, code: 0, status: 400 }, 400)

describe("a Docebo course without sessions", () => {
  it.scoped("its 400 'does not have sessions' is a complete empty listing", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      // First Aid (4) has no session in the seed: the simulator answers 400, as Docebo does.
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.sessions(ids.course("4"))))
      expect(listing).toMatchObject({ items: [], complete: true })
    }),
  )

  it.scoped("any other 400 on the session listing is still a failure", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({
        seed: doceboSeed,
        wrapFetch: answerWith(
          (url) => url.pathname === "/course/v1/courses/1/sessions",
          () => refusal("Invalid parameter page_size"),
        ),
      })
      const failure = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.sessions(ids.course("1")))).pipe(
        Effect.flip,
      )
      expect(failure).toMatchObject({ _tag: "ReadFailed", status: 400 })
    }),
  )
})
