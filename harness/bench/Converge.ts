/**
 * `bench converge`: the first sync of a large tenant under the vendors' real limits (Docebo 1,000 calls an hour, TO
 * 10 a second with bursts of 20), simulators and iltsync on one virtual clock. While it runs, a TO planner moves a
 * session now and then and the run its webhook makes (scoped to that course, at interactive priority, through the
 * service's runner) is timed from the move to its end and checked: Docebo's event must show the move when it ends.
 * 429 answers are read from the simulators' call logs.
 */

import { Clock, Effect, Either, Fiber } from "effect"
import { CallAccounting } from "../../adapters/http/Calls.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import type { DoceboProfile } from "../../simulators/docebo/index.ts"
import type { ToSession } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { fullRead, type TenantState } from "./Bounds.ts"
import { toSessionListings } from "./Calls.ts"
import { type Goal, goal } from "./Goals.ts"
import { makeWorld, type World, worldHorizonMs } from "./World.ts"

/** Docebo's limit, and the share of it iltsync's budget spends (it keeps 5% in hand). */
const doceboPerHour = 1000
const budgetPerHour = doceboPerHour * 0.95
const budgetBurst = Math.floor(doceboPerHour * 0.95)

export interface CourseSyncTiming {
  readonly course: string
  readonly startedAtHour: number
  readonly waitedS: number
  readonly ranS: number
  readonly totalS: number
  readonly failed: string | null
  /** From the move until Docebo showed it: the course sync's end, or the first sync's when the course sync missed it. */
  readonly convergedS: number
}

export interface ConvergeFigures {
  readonly tenant: string
  readonly doceboProfile: DoceboProfile
  readonly courses: number
  readonly sessions: number
  readonly doceboCalls: number
  readonly toCalls: number
  readonly hours: number
  /** Docebo calls ÷ 1,000: the hours the limit itself needs. */
  readonly limitHours: number
  readonly ratio: number
  readonly rejected: { readonly docebo: number; readonly to: number }
  readonly intervalMinutes: number
  readonly courseSyncs: ReadonlyArray<CourseSyncTiming>
  readonly p50S: number
  readonly p95S: number
  readonly maxS: number
  /** The same percentile of the part spent running (after the run lock was granted). */
  readonly ranP95S: number
  /** The validated live sessions starting within 14 days of the first sync's start, and when all were in Docebo. */
  readonly soonest: { readonly sessions: number; readonly courses: number; readonly inDoceboAfterH: number }
  /** With the service idle after the first sync: from each TO move to Docebo showing it (simulated seconds). */
  readonly steady: {
    readonly moves: number
    readonly p50S: number
    readonly p95S: number
    readonly maxS: number
    readonly failed: number
  }
  readonly wallSeconds: number
}

/** How many sessions the steady-state latency moves, one after another, once the first sync is over. */
const steadyMoves = 50

/** The days a TO session is held on. */
const daysOf = (session: ToSession) => session.sequences.map((sequence) => sequence.day)

/** The validated sessions still to come or under way at the start (not history), starting within `days`. */
const startingWithin = (world: World, startMs: number, days: number) => {
  const first = new Date(startMs - 7 * 86_400_000).toISOString().slice(0, 10)
  const last = new Date(startMs + days * 86_400_000).toISOString().slice(0, 10)
  return world.to.state
    .snapshot()
    .sessions.filter(
      (session) =>
        session.status === "validated" &&
        session.sequences.length > 0 &&
        daysOf(session).some((day) => day >= first) &&
        daysOf(session).some((day) => day <= last),
    )
}

/**
 * Whether Docebo holds a copy of every one of `sessions` with an event on each of its days, as TO has them now (a
 * planner may have moved one meanwhile).
 */
const allInDocebo = (world: World, chosen: ReadonlyArray<ToSession>) => {
  const ids = new Set(chosen.map((session) => session.id))
  const sessions = world.to.state.snapshot().sessions.filter((session) => ids.has(session.id))
  const docebo = world.docebo.state.snapshot()
  const copies = new Map(docebo.sessions.map((copy) => [stampOfCode(copy.code), copy.id]))
  const days = new Map<number, Set<string>>()
  for (const event of docebo.events)
    days.set(event.id_session, (days.get(event.id_session) ?? new Set()).add(event.day))
  return sessions.every((session) => {
    const copy = copies.get(session.id)
    const held = copy === undefined ? undefined : days.get(copy)
    return held !== undefined && daysOf(session).every((day) => held.has(day))
  })
}

interface Timed {
  readonly course: string
  readonly askedMs: number
  readonly endedMs: number
  readonly failed: string | null
  readonly convergedMs: number
}

/**
 * Splits each course sync's time into waiting for the run lock and running. The first sync reads without the lock
 * (it takes it only to start and to plan and apply), so a course sync waits only for the course syncs before it:
 * one at a time, the lock passing straight to the next, so a sync started when it was asked or when the sync before
 * it (by end) ended.
 */
const serialised = (start: number, syncs: ReadonlyArray<Timed>): ReadonlyArray<CourseSyncTiming> => {
  const ends = syncs.map((sync) => sync.endedMs).sort((a, b) => a - b)
  return syncs.map((sync) => {
    const before = ends.filter((end) => end < sync.endedMs).at(-1) ?? start
    const began = Math.max(sync.askedMs, before)
    return {
      course: sync.course,
      startedAtHour: (sync.askedMs - start) / 3_600_000,
      waitedS: (began - sync.askedMs) / 1000,
      ranS: (sync.endedMs - began) / 1000,
      totalS: (sync.endedMs - sync.askedMs) / 1000,
      failed: sync.failed,
      convergedS: (sync.convergedMs - sync.askedMs) / 1000,
    }
  })
}

/** Nearest-rank percentile. */
export const percentile = (values: ReadonlyArray<number>, p: number): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

/** Validated sessions of `count` different courses spread over the tenant, each with its Docebo course. */
const sessionsToMove = (world: World, count: number, offset = 0) => {
  const to = world.to.state.snapshot()
  const today = new Date(world.clock.unsafeCurrentTimeMillis()).toISOString().slice(0, 10)
  const courseById = new Map(to.courses.map((course) => [course.id, course]))
  // One session per course, still to come: a session that is over is history, and a move of it is not synced.
  const seen = new Set<string>()
  const eligible: Array<{ session: ToSession; course: { id: string; code: string } }> = []
  for (const session of to.sessions) {
    const course = courseById.get(session.course_id)
    if (!course?.external_ref || seen.has(course.id) || session.status !== "validated") continue
    if (session.sequences.length === 0 || daysOf(session).some((day) => day < today)) continue
    seen.add(course.id)
    eligible.push({ session, course: { id: course.external_ref, code: course.code } })
  }
  const step = Math.max(1, Math.floor(eligible.length / count))
  const picks: typeof eligible = []
  for (let i = offset % step; i < eligible.length && picks.length < count; i += step)
    picks.push(eligible[i] as (typeof eligible)[number])
  return picks
}

const movedLater = (session: ToSession) => {
  const [first, ...rest] = session.sequences
  if (first === undefined) return session.sequences
  const day = new Date(Date.parse(`${first.day}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10)
  return [{ ...first, day }, ...rest]
}

/** Null when Docebo's events show the move; else what is wrong (a run that ended without syncing the change). */
const movedInDocebo = (world: World, session: ToSession): string | null => {
  const [first] = movedLater(session)
  if (first === undefined) return null
  const docebo = world.docebo.state.snapshot()
  const copy = docebo.sessions.find((s) => stampOfCode(s.code) === session.id)
  if (copy === undefined) return `no Docebo copy of ${session.id} when the run ended`
  const events = docebo.events.filter((e) => e.id_session === copy.id)
  return events.some((e) => e.day === first.day)
    ? null
    : `Docebo has ${events.map((e) => e.day).join(", ")} for ${session.id} (its first slot moved to ${first.day})`
}

/** The live validated TO sessions Docebo has no copy of yet: a create each. */
const liveCreates = ({ docebo, to }: TenantState) => {
  const copied = new Set(docebo.sessions.flatMap((session) => stampOfCode(session.code) ?? []))
  const from = new Date(worldHorizonMs).toISOString().slice(0, 10)
  return to.sessions.filter(
    (session) =>
      session.status === "validated" && !copied.has(session.id) && session.sequences.some((s) => s.day >= from),
  ).length
}

const rejectedOf = (world: World) => ({
  docebo: world.docebo.state.calls
    .summary()
    .counts.filter((c) => c.status === 429)
    .reduce((n, c) => n + c.count, 0),
  to: world.to.state.calls
    .summary()
    .counts.filter((c) => c.status === 429)
    .reduce((n, c) => n + c.count, 0),
})

export const measureConvergence = async (
  tenant: string,
  courseSyncCount: number,
  doceboProfile?: DoceboProfile,
): Promise<ConvergeFigures> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const wallStart = Date.now()
  const world = await makeWorld({ seeds, limits: "real", ...(doceboProfile ? { doceboProfile } : {}) })
  try {
    const before = world.tenantState()
    const { docebo, to } = before
    // Spread the course syncs over the time the first sync should take: its reads beyond the budget's burst.
    // History is not read: the first sync's calls are those of its live sessions, and its writes.
    const needed = fullRead(before, worldHorizonMs)
    const expectedHours = Math.max(0.1, (needed.doceboReads + liveCreates(before) - budgetBurst) / budgetPerHour)
    const intervalMs = Math.round((expectedHours * 3_600_000) / (courseSyncCount + 1))
    const picks = sessionsToMove(world, courseSyncCount)

    /** A TO planner moves the session, and the run its webhook makes (as the service's inbox scopes it) follows. */
    const moveAndSync = (pick: { session: ToSession; course: { id: string; code: string } }) =>
      Effect.gen(function* () {
        yield* Effect.promise(() =>
          world.act("to", {
            action: "update_session",
            id: pick.session.id,
            changes: { sequences: movedLater(pick.session) },
          }),
        )
        const askedMs = yield* Clock.currentTimeMillis
        // The course's code, TO's sessions only.
        const scope = { kind: "courses", ids: [], codes: [pick.course.code], listings: toSessionListings } as const
        const result = yield* Effect.either(world.sync(scope, "interactive"))
        const endedMs = yield* Clock.currentTimeMillis
        return { askedMs, endedMs, failed: Either.isLeft(result) ? String(result.left) : null }
      })

    const scenario = Effect.gen(function* () {
      const start = yield* Clock.currentTimeMillis
      const hourOf = (ms: number) => (ms - start) / 3_600_000
      const first = yield* Effect.fork(
        world.sync({ kind: "full" }, "background").pipe(
          Effect.zipRight(Clock.currentTimeMillis),
          // Read when it ends: the course syncs call at interactive priority, the first sync at background.
          Effect.flatMap((end) =>
            Effect.gen(function* () {
              const calls = yield* CallAccounting
              return {
                endedMs: end,
                hours: hourOf(end),
                doceboCalls: yield* calls.totalAt("docebo", "background"),
                toCalls: yield* calls.totalAt("to", "background"),
                rejected: rejectedOf(world),
              }
            }),
          ),
        ),
      )
      // Until every session of the next two weeks is in Docebo: looked at every simulated five minutes from the start.
      const soon = startingWithin(world, start, 14)
      let soonInDocebo = Number.POSITIVE_INFINITY
      const watch = Effect.gen(function* () {
        while (!allInDocebo(world, soon)) yield* Effect.sleep(300_000)
        soonInDocebo = hourOf(yield* Clock.currentTimeMillis)
      })
      const watcher = yield* Effect.fork(watch)
      const courseSyncs = yield* Effect.forEach(
        picks,
        (pick, i) =>
          Effect.gen(function* () {
            yield* Effect.sleep(intervalMs * (i + 1))
            const moved = yield* moveAndSync(pick)
            const failed = moved.failed ?? movedInDocebo(world, pick.session)
            return { course: pick.course.code, askedMs: moved.askedMs, endedMs: moved.endedMs, failed, pick }
          }),
        { concurrency: "unbounded" },
      )
      const done = yield* Fiber.join(first)
      yield* Fiber.interrupt(watcher)
      if (soonInDocebo === Number.POSITIVE_INFINITY && allInDocebo(world, soon)) soonInDocebo = done.hours

      // The service idle for an hour, then one TO move after another, each synced as its webhook's run.
      yield* Effect.sleep(3_600_000)
      const latencies: number[] = []
      let steadyFailed = 0
      for (const pick of sessionsToMove(world, steadyMoves, 1)) {
        const moved = yield* moveAndSync(pick)
        if (moved.failed !== null || movedInDocebo(world, pick.session) !== null) steadyFailed += 1
        else latencies.push((moved.endedMs - moved.askedMs) / 1000)
        yield* Effect.sleep(60_000)
      }
      const steady = {
        moves: latencies.length + steadyFailed,
        p50S: percentile(latencies, 50),
        p95S: percentile(latencies, 95),
        maxS: Math.max(...latencies),
        failed: steadyFailed,
      }
      const soonest = {
        sessions: soon.length,
        courses: new Set(soon.map((session) => session.course_id)).size,
        inDoceboAfterH: soonInDocebo,
      }
      // A course sync that missed its change leaves it to the first sync's end (or to nobody: never converged).
      const timed = courseSyncs.map(({ pick, ...sync }): Timed => {
        const convergedMs =
          sync.failed === null ? sync.endedMs : movedInDocebo(world, pick.session) === null ? done.endedMs : Infinity
        return { ...sync, convergedMs }
      })
      return { first: done, courseSyncs: serialised(start, timed), soonest, steady }
    })
    const { first, courseSyncs, soonest, steady } = await world.run(scenario)
    const totals = courseSyncs.map((sync) => sync.convergedS)
    const limitHours = first.doceboCalls / doceboPerHour
    return {
      tenant,
      doceboProfile: world.doceboProfile,
      courses: docebo.courses.filter((course) => course.course_type !== "elearning").length,
      sessions: to.sessions.length,
      doceboCalls: first.doceboCalls,
      toCalls: first.toCalls,
      hours: first.hours,
      limitHours,
      ratio: first.hours / limitHours,
      rejected: rejectedOf(world),
      intervalMinutes: intervalMs / 60_000,
      courseSyncs,
      p50S: percentile(totals, 50),
      p95S: percentile(totals, 95),
      maxS: Math.max(...totals),
      ranP95S: percentile(
        courseSyncs.map((sync) => sync.ranS),
        95,
      ),
      soonest,
      steady,
      wallSeconds: (Date.now() - wallStart) / 1000,
    }
  } finally {
    await world.dispose()
  }
}

export const convergeGoals = (figures: ConvergeFigures): ReadonlyArray<Goal> => [
  goal(`${figures.tenant}: first sync hours ÷ (Docebo calls ÷ 1,000)`, figures.ratio, 1.1, "<="),
  goal(`${figures.tenant}: 429 answers (Docebo + TO)`, figures.rejected.docebo + figures.rejected.to, 0, "<="),
  goal(`${figures.tenant}: webhook course sync during the first sync, p95 simulated seconds`, figures.p95S, 60, "<="),
  goal(
    `${figures.tenant}: webhook course syncs that ended without their change in Docebo`,
    figures.courseSyncs.filter((sync) => sync.failed !== null).length,
    0,
    "<=",
  ),
  goal(
    `${figures.tenant}: every session starting in the next 14 days in Docebo after, simulated hours`,
    figures.soonest.inDoceboAfterH,
    1,
    "<=",
  ),
  goal(
    `${figures.tenant}: steady state, a TO move until Docebo shows it, p95 of ${steadyMoves}, simulated seconds`,
    figures.steady.p95S,
    5,
    "<=",
  ),
  goal(`${figures.tenant}: steady-state moves not in Docebo when their run ended`, figures.steady.failed, 0, "<="),
]
