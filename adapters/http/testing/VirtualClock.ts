import { Clock, Duration, Effect, Fiber, Option } from "effect"
import type { Fetch } from "../Fetch.ts"

interface Sleeper {
  readonly at: number
  readonly wake: () => void
}

/**
 * An Effect `Clock` whose time moves only when a test says so, and whose sleepers can be woken in order. Unlike
 * `TestClock`, an interrupted sleep (a request timeout that did not fire) leaves nothing behind, and moving on needs no
 * polling of every fiber, so hours of budget run in well under a second per thousand calls.
 */
export class VirtualClock implements Clock.Clock {
  readonly [Clock.ClockTypeId]: Clock.ClockTypeId = Clock.ClockTypeId
  private sleepers: Sleeper[] = []

  constructor(private nowMs: number) {}

  unsafeCurrentTimeMillis(): number {
    return this.nowMs
  }

  unsafeCurrentTimeNanos(): bigint {
    return BigInt(Math.round(this.nowMs)) * 1_000_000n
  }

  get currentTimeMillis(): Effect.Effect<number> {
    return Effect.sync(() => this.nowMs)
  }

  get currentTimeNanos(): Effect.Effect<bigint> {
    return Effect.sync(() => this.unsafeCurrentTimeNanos())
  }

  sleep(duration: Duration.Duration): Effect.Effect<void> {
    const ms = Duration.toMillis(duration)
    if (ms <= 0) return Effect.void
    return Effect.async<void>((resume) => {
      const sleeper: Sleeper = { at: this.nowMs + ms, wake: () => resume(Effect.void) }
      this.sleepers.push(sleeper)
      return Effect.sync(() => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper)
      })
    })
  }

  /** Moves time on by `ms`, waking whoever is due. */
  advance(ms: number): void {
    this.moveTo(this.nowMs + ms)
  }

  /** Moves to the earliest wake-up and wakes everyone due then; false when nobody sleeps. */
  wakeNext(): boolean {
    if (this.sleepers.length === 0) return false
    this.moveTo(Math.min(...this.sleepers.map((sleeper) => sleeper.at)))
    return true
  }

  private moveTo(ms: number): void {
    this.nowMs = Math.max(this.nowMs, ms)
    const due = this.sleepers.filter((sleeper) => sleeper.at <= this.nowMs)
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.nowMs)
    for (const sleeper of due) sleeper.wake()
  }
}

/** Counts requests under way, so that virtual time only moves while no simulator is answering. */
export const trackInFlight = (fetch: Fetch) => {
  let inFlight = 0
  const tracked: Fetch = async (input, init) => {
    inFlight += 1
    try {
      return await fetch(input, init)
    } finally {
      inFlight -= 1
    }
  }
  return { fetch: tracked, idle: () => inFlight === 0 }
}

const nextMacrotask = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
const nextTimer = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))

/**
 * Runs `effect` on `clock`, moving time to the next wake-up whenever everything waits on it: no request under way,
 * and no work left after a timer turn (Effect's scheduler may defer work to one). Time never jumps past a wake-up, so
 * the simulators, reading the same clock, see each call at the time the budget let it go.
 */
export const inVirtualTime = <A, E, R>(effect: Effect.Effect<A, E, R>, clock: VirtualClock, idle: () => boolean) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    for (;;) {
      yield* nextMacrotask
      const exit = yield* Fiber.poll(fiber)
      if (Option.isSome(exit)) return yield* exit.value
      if (!idle()) continue
      yield* nextTimer
      if (idle() && Option.isNone(yield* Fiber.poll(fiber))) clock.wakeNext()
    }
  }).pipe(Effect.withClock(clock))
