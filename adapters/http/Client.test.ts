import type { AddressInfo } from "node:net"
import { createServer } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { RequestPriority } from "../../engine/Ports.ts"
import { makeRequestBudget } from "./Budget.ts"
import { makeCallAccounting } from "./Calls.ts"
import { type HttpRequest, makeTransport, withBearer } from "./Client.ts"
import { writeFailed } from "./Failure.ts"
import type { Fetch } from "./Fetch.ts"
import { defaultRetrySettings } from "./Policy.ts"

const bearer = { get: Effect.succeed("token-abc"), invalidate: () => Effect.void }

/** A client of system `to` over `fetch`, with a budget of `capacity` calls and one more a second. */
const clientOver = (fetch: Fetch, capacity = 100) =>
  Effect.gen(function* () {
    const budget = yield* makeRequestBudget({ capacity, refillPerMs: 1 / 1000 })
    const calls = makeCallAccounting()
    const transport = makeTransport(
      {
        system: "to",
        baseUrl: "https://to.example/api/v1",
        fetch,
        timeout: "5 seconds",
        retry: defaultRetrySettings,
        reasonOf: (status) => `HTTP ${status}`,
      },
      budget,
      calls,
      new Set(["token-abc"]),
    )
    return { client: withBearer(transport, bearer), calls }
  })

const answers = (...statuses: number[]): Fetch => {
  let next = 0
  return async () => new Response("{}", { status: statuses[Math.min(next++, statuses.length - 1)] })
}

const get = (path: string): HttpRequest => ({ method: "GET", path, template: path, idempotent: true })

describe("HTTP client", () => {
  it.scoped("a call made under interactive priority overtakes background calls waiting for the budget", () =>
    Effect.gen(function* () {
      const arrived: string[] = []
      const { client } = yield* clientOver(async (input) => {
        arrived.push(new URL(input).pathname.replace("/api/v1", ""))
        return new Response("{}")
      }, 1)
      const background = yield* Effect.forEach(["/b1", "/b2", "/b3"], (path) => Effect.fork(client.send(get(path))))
      yield* TestClock.adjust("1 millis")
      const interactive = yield* Effect.fork(
        client.send(get("/i1")).pipe(Effect.locally(RequestPriority, "interactive")),
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.joinAll([...background, interactive])
      expect(arrived).toEqual(["/b1", "/i1", "/b2", "/b3"])
    }),
  )

  it.scoped("every call is counted by system, method, template and outcome, failures included", () =>
    Effect.gen(function* () {
      let attempt = 0
      const { client, calls } = yield* clientOver(async () => {
        attempt += 1
        if (attempt === 1) throw new Error("connection reset")
        return new Response("{}", { status: attempt === 2 ? 503 : 200 })
      })
      const fiber = yield* Effect.fork(client.send(get("/courses")))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      expect(yield* calls.counts).toEqual([
        { system: "to", method: "GET", template: "/courses", outcome: 200, count: 1 },
        { system: "to", method: "GET", template: "/courses", outcome: 503, count: 1 },
        { system: "to", method: "GET", template: "/courses", outcome: "network", count: 1 },
      ])
    }),
  )

  it.scoped("a POST without an idempotency key is sent once: its lost answer is ambiguous", () =>
    Effect.gen(function* () {
      const { client, calls } = yield* clientOver(answers(503, 201))
      const post: HttpRequest = { method: "POST", path: "/courses", template: "/courses", json: {}, idempotent: false }
      const error = yield* client.send(post).pipe(Effect.mapError(writeFailed("to", "createCourse")), Effect.flip)
      expect(error._tag).toBe("WriteAmbiguous")
      expect(yield* calls.total()).toBe(1)
    }),
  )

  it.scoped("a POST with an idempotency key is sent again after a lost answer", () =>
    Effect.gen(function* () {
      const { client, calls } = yield* clientOver(answers(503, 201))
      const post: HttpRequest = { method: "POST", path: "/courses", template: "/courses", json: {}, idempotent: true }
      const fiber = yield* Effect.fork(client.send(post))
      yield* TestClock.adjust("1 minute")
      expect((yield* Fiber.join(fiber)).status).toBe(201)
      expect(yield* calls.total()).toBe(2)
    }),
  )

  it.scoped("a PUT whose answer was lost and that is then refused may have happened: ambiguous", () =>
    Effect.gen(function* () {
      const { client } = yield* clientOver(answers(502, 409))
      const put: HttpRequest = { method: "PUT", path: "/x/1", template: "/x/:id", json: {}, idempotent: true }
      const fiber = yield* Effect.fork(
        client.send(put).pipe(Effect.mapError(writeFailed("to", "updateX")), Effect.flip),
      )
      yield* TestClock.adjust("1 minute")
      expect((yield* Fiber.join(fiber))._tag).toBe("WriteAmbiguous")
    }),
  )

  it.scopedLive("a refused connection fails at once, naming the address, and is not retried", () =>
    Effect.gen(function* () {
      // A port nothing listens on: the operating system refuses the connection.
      const port = yield* Effect.promise(
        () =>
          new Promise<number>((resolve) => {
            const server = createServer().listen(0, "127.0.0.1", () => {
              const { port } = server.address() as AddressInfo
              server.close(() => resolve(port))
            })
          }),
      )
      const budget = yield* makeRequestBudget({ capacity: 100, refillPerMs: 1 })
      const calls = makeCallAccounting()
      const transport = makeTransport(
        {
          system: "docebo",
          baseUrl: `http://127.0.0.1:${port}/base`,
          fetch: (input, init) => fetch(input, init),
          timeout: "5 seconds",
          retry: defaultRetrySettings,
          reasonOf: (status) => `HTTP ${status}`,
        },
        budget,
        calls,
        new Set(),
      )
      const failure = yield* transport
        .sendAnonymous(get("/oauth2/token"))
        .pipe(Effect.flip, Effect.timeout("3 seconds"))
      expect(failure).toMatchObject({
        _tag: "ConnectionRefused",
        url: `http://127.0.0.1:${port}`,
        reason: `cannot be reached at http://127.0.0.1:${port} (connection refused)`,
      })
      expect(yield* calls.total({ outcome: "network" })).toBe(1)
    }),
  )

  it.scoped("a call without an answer in time is a lost answer, counted as network", () =>
    Effect.gen(function* () {
      const { client, calls } = yield* clientOver(() => new Promise<Response>(() => {}))
      const post: HttpRequest = { method: "POST", path: "/courses", template: "/courses", json: {}, idempotent: false }
      const fiber = yield* Effect.fork(client.send(post).pipe(Effect.flip))
      yield* TestClock.adjust("6 seconds")
      const failure = yield* Fiber.join(fiber)
      expect(failure._tag === "Unreachable" && failure.reason).toBe("no answer within 5s")
      expect(yield* calls.total({ outcome: "network" })).toBe(1)
    }),
  )
})
