import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import type { Fetch } from "../http/Fetch.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { ids } from "./testing/Writes.ts"

type Item = Record<string, unknown>

/** Docebo's answers on `path` with each listed item changed by `change`: a tenant newer than the documents. */
const rewriting =
  (path: string, change: (item: Item) => Item) =>
  (fetch: Fetch): Fetch =>
  async (input, init) => {
    const answer = await fetch(input, init)
    if (new URL(input).pathname !== path || answer.status !== 200) return answer
    const body = (await answer.json()) as { data: { items: Item[] } }
    const items = body.data.items.map(change)
    return new Response(JSON.stringify({ ...body, data: { ...body.data, items } }), { status: 200 })
  }

const read = <A>(
  path: string,
  change: (item: Item) => Item,
  port: (docebo: DoceboPort["Type"]) => Effect.Effect<A, unknown>,
) =>
  Effect.flatMap(simulatedDocebo({ seed: doceboSeed, wrapFetch: rewriting(path, change) }), ({ run }) =>
    run(Effect.flatMap(DoceboPort, port)),
  )

describe("Docebo values iltsync does not know", () => {
  it.scoped("fields iltsync does not know are ignored", () =>
    Effect.gen(function* () {
      const listing = yield* read(
        "/learn/v1/courses",
        (course) => ({ ...course, marketplace: { price: 12 }, new_flag: true }),
        (docebo) => docebo.courses(),
      )
      expect(listing.complete).toBe(true)
      expect(listing.notices).toEqual([])
      expect(listing.items.map((course) => course.id).sort()).toEqual(["1", "2", "4", "5"])
    }),
  )

  it.scoped("an unknown webinar tool and completion mode are kept as they are, never a decode failure", () =>
    Effect.gen(function* () {
      const events = yield* read(
        "/course/v1/sessions/102/events",
        (event) => ({ ...event, webinar: { ...(event.webinar as Item), tool: "whereby" } }),
        (docebo) => docebo.sessions(ids.course("2")),
      )
      expect(events.complete).toBe(true)
      expect(events.items[0]?.events[0]?.tool).toBe("whereby")
      const sessions = yield* read(
        "/course/v1/courses/2/sessions",
        (session) => ({ ...session, completion_type: "self_paced" }),
        (docebo) => docebo.sessionList(ids.course("2")),
      )
      expect(sessions.items.map((session) => session.completionType)).toEqual(["self_paced"])
      const accounts = yield* read(
        "/webinar/v1/accounts",
        (account) => ({ ...account, tool: "whereby" }),
        (docebo) => docebo.webinarAccounts(),
      )
      expect(accounts).toMatchObject({ complete: true, notices: [] })
      expect(new Set(accounts.items.map((account) => account.tool))).toEqual(new Set(["whereby"]))
    }),
  )

  it.scoped("a course type Docebo's documents do not name is kept as it is; e-learning is still left out", () =>
    Effect.gen(function* () {
      const listing = yield* read(
        "/learn/v1/courses",
        (course) => (course.id_course === 4 ? { ...course, course_type: "blended" } : course),
        (docebo) => docebo.courses(),
      )
      expect(listing.items.find((course) => course.id === "4")?.type).toBe("blended")
      expect(listing.items.map((course) => course.type).sort()).toEqual(["blended", "ilt", "vilt", "vilt"])
    }),
  )
})
