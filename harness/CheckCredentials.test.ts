import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { RequestLedgersInMemory } from "../adapters/http/Window.ts"
import { checkConnections } from "./CheckCredentials.ts"
import { environmentConnections } from "./Config.ts"
import { simulatorEnv } from "./Simulators.ts"

describe("checking credentials an operator waits for", () => {
  it("tries a system that does not answer once more, not for a sync's minute of back-off, and fails", async () => {
    const attempts: string[] = []
    const refused = async (input: string) => {
      attempts.push(input)
      throw new TypeError("fetch failed: connect ECONNREFUSED")
    }
    const connections = environmentConnections(simulatorEnv({ docebo: "http://127.0.0.1:9", to: "http://127.0.0.1:9" }))
    const check = checkConnections(connections, { fetch: { docebo: refused, to: refused } })
    const exit = await Effect.runPromiseExit(check.pipe(Effect.provide(RequestLedgersInMemory)))
    expect(Exit.isFailure(exit)).toBe(true)
    // The first call (Docebo's token) and one retry; nothing after a system is known not to answer.
    expect(attempts).toHaveLength(2)
    expect(new Set(attempts.map((url) => new URL(url).origin))).toEqual(new Set(["http://127.0.0.1:9"]))
  })
})
