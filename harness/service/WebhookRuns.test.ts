import { describe, expect, it } from "vitest"
import type { WebhookMessage } from "../../adapters/store/WebhookInbox.ts"
import { groupRuns, settlementsOf } from "./WebhookRuns.ts"

const message = (messageId: string): WebhookMessage => ({
  source: "docebo",
  messageId,
  receivedAt: "2027-01-04T09:00:00.000Z",
  body: {},
  status: "pending",
  error: null,
  processedAt: null,
  attempts: 1,
})

describe("the runs a batch of deliveries asks for", () => {
  const [a, b, c] = [message("a"), message("b"), message("c")]
  const pending = [
    { message: a, work: { kind: "course", id: "11", code: "C-11", origin: "doceboSessions" } as const },
    { message: a, work: { kind: "course", id: "12", code: "C-12", origin: "doceboSessions" } as const },
    { message: b, work: { kind: "entities", entities: ["trainer"] } as const },
    { message: a, work: { kind: "entities", entities: ["course"] } as const },
    { message: c, work: { kind: "ignore", reason: "an echo" } as const },
  ]

  it("a Docebo session webhook reads its course's sessions and nothing else; a delivery goes once into a run", () => {
    const [courses, entities] = groupRuns(pending)
    expect(courses?.scope).toEqual({
      kind: "courses",
      ids: ["11", "12"],
      codes: ["C-11", "C-12"],
      listings: { docebo: [], to: [] },
    })
    expect(courses?.messages).toEqual([a])
    expect(entities?.messages).toEqual([b, a])
  })

  it("a delivery in two runs is settled after the second, failed when either failed", () => {
    const planned = groupRuns(pending)
    const [courses, entities] = planned
    if (courses === undefined || entities === undefined) throw new Error("two runs were planned")
    const settle = settlementsOf(planned)
    expect(settle(courses, "Docebo answered 503")).toEqual([])
    expect(settle(entities, null)).toEqual([
      { messages: [b], failure: null },
      { messages: [a], failure: "Docebo answered 503" },
    ])
  })
})
