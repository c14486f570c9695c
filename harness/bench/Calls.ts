/**
 * `bench calls`: the API calls of four runs per tenant, through the real adapters against the simulators, next to the
 * lower bound (Bounds.ts) and a naive full push: the first sync, a no-change periodic reconcile, one session moved in
 * TO then the run its `session.updated` webhook makes, and one ILT course created in Docebo then the run its
 * `course.created` webhook makes. Runs without rate limits: only the counts matter here.
 */
import type { CallCount } from "../../adapters/http/Calls.ts"
import type { ReconcileReport } from "../../engine/Reconcile.ts"
import { simulatorSeedsFor } from "../../scenarios/tenants/Registry.ts"
import { auditBudget, type CallFigure, fullRead, lowerBound, naiveFullPush, totalOf } from "./Bounds.ts"
import { type Goal, goal } from "./Goals.ts"
import { makeWorld, type SyncScope, type World } from "./World.ts"

/** Courses whose sessions the periodic reconcile re-reads per run (the engine's default, which the service keeps). */
export const auditCourses = 2

export interface CallRow {
  readonly tenant: string
  readonly run: string
  /** The reconcile options the run was given, as the service's runner gives them. */
  readonly options: string
  readonly calls: CallFigure
  readonly tokenCalls: number
  readonly bound: CallFigure
  readonly boundKind: string
  readonly naive: CallFigure
  /** Calls by system, method and path template, for the analysis of a miss. */
  readonly byRoute: Readonly<Record<string, number>>
}

export interface TenantCalls {
  readonly tenant: string
  readonly courses: number
  readonly sessions: number
  readonly rows: ReadonlyArray<CallRow>
}

const isRead = (count: CallCount) => count.method === "GET" || count.template.endsWith("/token")

/** The calls made between two readings of the adapters' counts. */
const callsBetween = (before: ReadonlyArray<CallCount>, after: ReadonlyArray<CallCount>) => {
  const key = (c: CallCount) => `${c.system} ${c.method} ${c.template} ${c.outcome}`
  const earlier = new Map(before.map((c) => [key(c), c.count]))
  const made = after.map((c) => ({ ...c, count: c.count - (earlier.get(key(c)) ?? 0) })).filter((c) => c.count > 0)
  const sum = (system: string, read: boolean) =>
    made.filter((c) => c.system === system && isRead(c) === read).reduce((n, c) => n + c.count, 0)
  const figure: CallFigure = {
    doceboReads: sum("docebo", true),
    doceboWrites: sum("docebo", false),
    toReads: sum("to", true),
    toWrites: sum("to", false),
  }
  const tokenCalls = made.filter((c) => c.template.endsWith("/token")).reduce((n, c) => n + c.count, 0)
  const byRoute = Object.fromEntries(made.map((c) => [`${c.system} ${c.method} ${c.template} ${c.outcome}`, c.count]))
  return { figure, tokenCalls, byRoute }
}

const describeOptions = (options: object) =>
  Object.entries(options)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(", ")

const measured = async (world: World, scope: SyncScope, extra: { auditCourses?: number }) => {
  const before = await world.run(world.callCounts)
  const { report } = await world.run(world.sync(scope, "interactive", extra))
  const after = await world.run(world.callCounts)
  return { report, ...callsBetween(before, after) }
}

/** A TO session iltsync keeps a Docebo copy of, with the Docebo course it belongs to. */
const linkedSession = (world: World, report: ReconcileReport) => {
  const to = world.to.state.snapshot()
  const docebo = world.docebo.state.snapshot()
  const doceboCourseOf = new Map(report.store.links.course.map((link) => [link.to, link.docebo]))
  for (const link of report.store.links.session) {
    const session = to.sessions.find((candidate) => candidate.id === link.to)
    const courseId = session === undefined ? undefined : doceboCourseOf.get(session.course_id)
    const course = docebo.courses.find((candidate) => String(candidate.id_course) === courseId)
    if (session && course && session.status === "validated" && session.sequences.length > 0)
      return { session, course: { id: String(course.id_course), code: course.code } }
  }
  throw new Error("no TO session is linked to a Docebo session after the first sync")
}

/** A day a week later than `day` (YYYY-MM-DD). */
const weekLater = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)

export const measureTenant = async (tenant: string): Promise<TenantCalls> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const world = await makeWorld({ seeds, limits: "off" })
  try {
    const rows: CallRow[] = []
    const row = (
      run: string,
      options: object,
      result: Awaited<ReturnType<typeof measured>>,
      bound: CallFigure,
      boundKind: string,
      naive: CallFigure,
    ) =>
      rows.push({
        tenant,
        run,
        options: describeOptions(options),
        calls: result.figure,
        tokenCalls: result.tokenCalls,
        bound,
        boundKind,
        naive,
        byRoute: result.byRoute,
      })

    const initialDocebo = world.docebo.state.snapshot()
    const initialTo = world.to.state.snapshot()
    const naive = naiveFullPush(initialDocebo, initialTo)

    // 1. The first sync: the operator starts a full sync on an empty store.
    const first = await measured(world, { kind: "full" }, { auditCourses })
    const firstBound = lowerBound(fullRead(initialDocebo, initialTo), first.report.planned.ops)
    row("first sync", { full: true, auditCourses }, first, firstBound, "full read + 1 write per changed record", naive)

    // 2. Nothing changed: the periodic reconcile.
    const steady = { docebo: world.docebo.state.snapshot(), to: world.to.state.snapshot() }
    const noChange = await measured(world, { kind: "full" }, { auditCourses })
    row(
      "no-change reconcile",
      { full: true, auditCourses },
      noChange,
      auditBudget(steady.docebo, steady.to, auditCourses),
      `drift-audit budget (listings + ${auditCourses} courses)`,
      naiveFullPush(steady.docebo, steady.to),
    )

    // 3. A TO planner moves one session; its session.updated webhook scopes a run to the session's course.
    const moved = linkedSession(world, noChange.report)
    const [firstSequence, ...rest] = moved.session.sequences
    if (firstSequence === undefined) throw new Error("the moved session has no sequence")
    await world.act("to", {
      action: "update_session",
      id: moved.session.id,
      changes: { sequences: [{ ...firstSequence, day: weekLater(firstSequence.day) }, ...rest] },
    })
    const courseScope: SyncScope = { kind: "course", ...moved.course }
    const oneSession = await measured(world, courseScope, {})
    // One TO read (the sessions changed since the cursor), one Docebo read (that session's events), one write.
    const minimal: CallFigure = { doceboReads: 1, doceboWrites: 1, toReads: 1, toWrites: 0 }
    const afterMove = { docebo: world.docebo.state.snapshot(), to: world.to.state.snapshot() }
    row(
      "one-session change",
      { courses: [moved.course.id], planCourses: [moved.course.code], auditCourses: "default (2)" },
      oneSession,
      minimal,
      "1 TO read + 1 Docebo read + 1 write",
      naiveFullPush(afterMove.docebo, afterMove.to),
    )
    // The same change again, without the drift audit a webhook run inherits from the engine's default.
    await world.act("to", {
      action: "update_session",
      id: moved.session.id,
      changes: { sequences: [firstSequence, ...rest] },
    })
    const unaudited = await measured(world, courseScope, { auditCourses: 0 })
    row(
      "one-session change, no audit",
      { courses: [moved.course.id], planCourses: [moved.course.code], auditCourses: 0 },
      unaudited,
      minimal,
      "1 TO read + 1 Docebo read + 1 write",
      naiveFullPush(afterMove.docebo, afterMove.to),
    )

    // 4. A Docebo admin creates an ILT course; its course.created webhook scopes a run to it.
    const code = `BENCH-${tenant.toUpperCase()}`
    const created = await world.doceboAdmin("POST", "/learn/v1/courses", {
      name: "Benchmark workshop",
      code,
      course_type: "classroom",
    })
    const courseId = String(created.data.id_course)
    const creation = await measured(world, { kind: "course", id: courseId, code }, {})
    const afterCreate = { docebo: world.docebo.state.snapshot(), to: world.to.state.snapshot() }
    row(
      "one-course creation",
      { courses: [courseId], planCourses: [code], auditCourses: "default (2)" },
      creation,
      { doceboReads: 1, doceboWrites: 0, toReads: 1, toWrites: 1 },
      "1 Docebo read + 1 TO read + 1 write",
      naiveFullPush(afterCreate.docebo, afterCreate.to),
    )

    return {
      tenant,
      courses: initialDocebo.courses.filter((c) => c.course_type !== "elearning").length,
      sessions: initialTo.sessions.length,
      rows,
    }
  } finally {
    await world.dispose()
  }
}

export const callGoals = (tenants: ReadonlyArray<TenantCalls>): ReadonlyArray<Goal> =>
  tenants.flatMap(({ tenant, rows }) => {
    const find = (run: string) => rows.find((row) => row.run === run)
    const goals: Goal[] = []
    const first = find("first sync")
    if (first)
      goals.push(
        goal(`${tenant}: first sync calls ÷ lower bound`, totalOf(first.calls) / totalOf(first.bound), 1.1, "<="),
      )
    const steady = find("no-change reconcile")
    if (steady) {
      goals.push(
        goal(`${tenant}: no-change reconcile writes`, steady.calls.doceboWrites + steady.calls.toWrites, 0, "<="),
      )
      goals.push(
        goal(
          `${tenant}: no-change reconcile reads within the drift-audit budget (auditCourses ${auditCourses})`,
          steady.calls.doceboReads + steady.calls.toReads,
          steady.bound.doceboReads + steady.bound.toReads,
          "<=",
        ),
      )
    }
    const moved = find("one-session change")
    if (moved) goals.push(goal(`${tenant}: one-session change, calls in total`, totalOf(moved.calls), 4, "<="))
    return goals
  })

export const runCallBenchmark = async (tenants: ReadonlyArray<string>): Promise<ReadonlyArray<TenantCalls>> => {
  const results: TenantCalls[] = []
  for (const tenant of tenants) {
    const started = Date.now()
    results.push(await measureTenant(tenant))
    console.log(`  measured ${tenant} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  return results
}
