import { describe, expect, it } from "vitest"
import { FaultInjector, globToRegExp } from "./Faults.ts"
import { perHourLeakyBucket, perSecondTokenBucket } from "./RateLimit.ts"

describe("failPaths globs", () => {
  it("match * within one segment, ** across segments and ? as one character", () => {
    expect(globToRegExp("/course/v1/sessions/*").test("/course/v1/sessions/12")).toBe(true)
    expect(globToRegExp("/course/v1/sessions/*").test("/course/v1/sessions/12/events")).toBe(false)
    expect(globToRegExp("/course/**").test("/course/v1/sessions/12/events")).toBe(true)
    expect(globToRegExp("/api/v1/room?").test("/api/v1/rooms")).toBe(true)
    expect(globToRegExp("/learn/v1/courses.json").test("/learn/v1/coursesXjson")).toBe(false)
  })
})

describe("FaultInjector", () => {
  it("draws the same faults for the same seed, whatever the paths", () => {
    const decisions = (seed: number, paths: string[]) => {
      const injector = new FaultInjector({ error503Rate: 0.5, dropAfterCommitRate: 0.5, seed })
      return paths.map((path) => injector.decide(path))
    }
    const paths = Array.from({ length: 40 }, (_, index) => `/p/${index}`)
    expect(decisions(3, paths)).toEqual(decisions(3, paths.toReversed()))
    expect(decisions(3, paths)).not.toEqual(decisions(4, paths))
  })
})

describe("bucket limiters", () => {
  it("give a Retry-After after which the refused call is admitted, and not a second earlier", () => {
    for (const limiter of [perHourLeakyBucket(1000), perSecondTokenBucket(10, 20), perHourLeakyBucket(60, 5)]) {
      let now = 0
      while (limiter.take("client", now).admitted) now += 1
      const refused = limiter.take("client", now)
      if (refused.admitted) throw new Error("expected a refusal")
      expect(limiter.take("client", now + refused.retryAfterSeconds * 1000 - 1000).admitted).toBe(false)
      expect(limiter.take("client", now + refused.retryAfterSeconds * 1000).admitted).toBe(true)
    }
  })
})
