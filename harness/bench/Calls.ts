/**
 * `bench calls`: the API calls of four runs per tenant, through the real adapters against the simulators, next to the
 * lower bound (Bounds.ts) and a naive full push: the first sync, a no-change periodic reconcile, one session moved in
 * TO then the run its `session.updated` webhook makes (and what the webhooks Docebo raises for that run's write cost
 * through the service's inbox, and would cost if run for), and one ILT course created in Docebo then the run its
 * `course.created` webhook makes. Runs without rate limits: only the counts matter here.
 */
import type { CallCount } from "../../adapters/http/Calls.ts"
import type { ReconcileOptions, ReconcileReport } from "../../engine/Reconcile.ts"
import type { DoceboProfile } from "../../simulators/docebo/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { auditBudget, type CallFigure, fullRead, lowerBound, naiveFullPush, totalOf } from "./Bounds.ts"
import { type Goal, goal } from "./Goals.ts"
import { makeWorld, type SyncScope, type World, worldHorizonMs } from "./World.ts"

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
  readonly doceboProfile: DoceboProfile
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

/**
 * What a webhook's run reads, as the service's inbox scopes it (harness/service/Inbox.ts): after a TO session webhook
 * TO's sessions only, after a Docebo course webhook both systems' courses (and the new course's sessions).
 */
export const toSessionListings = { docebo: [], to: ["sessions"] } as const satisfies ReconcileOptions["listings"]
export const doceboCourseListings = {
  docebo: ["courses"],
  to: ["courses"],
} as const satisfies ReconcileOptions["listings"]

/** A run: as the service's runner makes it for `scope`, or with the reconcile options of a variant. */
interface RunSpec {
  readonly scope: SyncScope
  readonly options?: Partial<ReconcileOptions>
}

/** The reconcile options a run was given, in words. */
const describe = (spec: RunSpec): string => {
  const { scope, options } = spec
  if (options !== undefined)
    return `engine options ${Object.entries(options)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(", ")}`
  const given =
    scope.kind === "full"
      ? "full: true"
      : scope.kind === "courses"
        ? `courses: ${JSON.stringify(scope.ids)}, planCourses: ${JSON.stringify(scope.codes)}, listings: ${JSON.stringify(scope.listings ?? "all")}`
        : scope.kind === "entities"
          ? `planEntities: ${JSON.stringify(scope.entities)}`
          : `applyOnly: ${JSON.stringify(scope.ops)}`
  const audit = scope.kind === "full" ? `engine default ${auditCourses}` : "0, as the runner gives every scoped run"
  return `service runner, scope ${scope.kind} → ${given} (auditCourses: ${audit})`
}

const measured = async (world: World, spec: RunSpec) => {
  const before = await world.run(world.callCounts)
  const report = await world.run(world.sync(spec.scope, "interactive", spec.options))
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

/** The first sync of a tenant with a past as it was before the sync horizon: every session read (ILTSYNC_SYNC_HORIZON_DAYS=off). */
const everySessionRead = "first sync, every session read (ILTSYNC_SYNC_HORIZON_DAYS=off)"

const measureEverySession = async (tenant: string, doceboProfile?: DoceboProfile): Promise<CallRow> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const world = await makeWorld({
    seeds,
    limits: "off",
    settings: { ILTSYNC_SYNC_HORIZON_DAYS: "off" },
    ...(doceboProfile ? { doceboProfile } : {}),
  })
  try {
    const initial = world.tenantState()
    const spec: RunSpec = { scope: { kind: "full" } }
    const result = await measured(world, spec)
    return {
      tenant,
      run: everySessionRead,
      options: `${describe(spec)}, ILTSYNC_SYNC_HORIZON_DAYS=off`,
      calls: result.figure,
      tokenCalls: result.tokenCalls,
      bound: lowerBound(fullRead(initial), result.report.planned.ops),
      boundKind: "full read of every session + 1 write per changed record",
      naive: naiveFullPush(initial),
      byRoute: result.byRoute,
    }
  } finally {
    await world.dispose()
  }
}

export const measureTenant = async (tenant: string, doceboProfile?: DoceboProfile): Promise<TenantCalls> => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const world = await makeWorld({ seeds, limits: "off", ...(doceboProfile ? { doceboProfile } : {}) })
  try {
    const rows: CallRow[] = []
    const measure = async (
      run: string,
      spec: RunSpec,
      bound: (ops: ReconcileReport) => CallFigure,
      boundKind: string,
    ) => {
      const before = world.tenantState()
      const result = await measured(world, spec)
      rows.push({
        tenant,
        run,
        options: describe(spec),
        calls: result.figure,
        tokenCalls: result.tokenCalls,
        bound: bound(result.report),
        boundKind,
        naive: naiveFullPush(before),
        byRoute: result.byRoute,
      })
      return { ...result, before }
    }

    /** The calls the service's inbox makes for Docebo deliveries, and how many runs it started for them. */
    const measureInbox = async (run: string, deliveries: ReadonlyArray<unknown>) => {
      const before = world.tenantState()
      const counted = await world.run(world.callCounts)
      const runs = await world.run(world.deliverToInbox(deliveries))
      const calls = callsBetween(counted, await world.run(world.callCounts))
      const events = deliveries.map((body) => (body as { readonly event?: string }).event).join(", ")
      rows.push({
        tenant,
        run,
        options: `${deliveries.length} deliveries (${events || "none"}) through the service's inbox: ${runs.length} runs`,
        calls: calls.figure,
        tokenCalls: calls.tokenCalls,
        bound: { doceboReads: 0, doceboWrites: 0, toReads: 0, toWrites: 0 },
        boundKind: "nothing: the records are what iltsync wrote",
        naive: naiveFullPush(before),
        byRoute: calls.byRoute,
      })
    }

    // 1. The first sync: an operator starts a full sync on an empty store.
    const initial = world.tenantState()
    await measure(
      "first sync",
      { scope: { kind: "full" } },
      (report) => lowerBound(fullRead(initial, worldHorizonMs), report.planned.ops),
      "full read of the live sessions (history is not read) + 1 write per changed record",
    )

    // 2. Nothing changed: the periodic reconcile.
    const steady = world.tenantState()
    const noChange = await measure(
      "no-change reconcile",
      { scope: { kind: "full" } },
      () => auditBudget(steady, auditCourses),
      `drift-audit budget (listings + ${auditCourses} courses)`,
    )

    // 3. A TO planner moves one session; its session.updated webhook scopes a run to the session's course. Then the
    // same move back and forth, with the engine options that read less.
    const moved = linkedSession(world, noChange.report)
    const [firstSequence, ...rest] = moved.session.sequences
    if (firstSequence === undefined) throw new Error("the moved session has no sequence")
    let later = false
    const move = () => {
      later = !later
      const day = later ? weekLater(firstSequence.day) : firstSequence.day
      return world.act("to", {
        action: "update_session",
        id: moved.session.id,
        changes: { sequences: [{ ...firstSequence, day }, ...rest] },
      })
    }
    const course = { id: moved.course.id, code: moved.course.code }
    const minimal = () => ({ doceboReads: 1, doceboWrites: 1, toReads: 1, toWrites: 0 })
    const minimalKind = "1 TO read + 1 Docebo read (the session's events) + 1 write"
    const sessionRuns: ReadonlyArray<[string, RunSpec]> = [
      [
        "one-session change",
        { scope: { kind: "courses", ids: [], codes: [course.code], listings: toSessionListings } },
      ],
    ]
    for (const [run, spec] of sessionRuns) {
      const echoes = await world.doceboWebhooksOf(async () => {
        await move()
        await measure(run, spec, minimal, minimalKind)
      })
      // Docebo's webhooks of the run's own write, through the service's inbox: an echo starts no run.
      await measureInbox("one-session change: its Docebo webhooks (echoes)", echoes)
      // What each would cost were it taken for a change: the run a Docebo session webhook starts, of that course.
      await measure(
        "one-session change: an echo if run for",
        { scope: { kind: "courses", ids: [course.id], codes: [course.code], listings: { docebo: [], to: [] } } },
        () => ({ doceboReads: 0, doceboWrites: 0, toReads: 0, toWrites: 0 }),
        "nothing: the record is what iltsync wrote",
      )
    }

    // 4. A Docebo admin creates an ILT course; its course.created webhook scopes a run to it.
    const createdRuns: ReadonlyArray<[string, (id: string, code: string) => RunSpec]> = [
      [
        "one-course creation",
        (id, code) => ({ scope: { kind: "courses", ids: [id], codes: [code], listings: doceboCourseListings } }),
      ],
    ]
    for (const [index, [run, spec]] of createdRuns.entries()) {
      const code = `BENCH-${index + 1}`
      const created = await world.doceboAdmin("POST", "/learn/v1/courses", {
        name: `Benchmark workshop ${index + 1}`,
        code,
        course_type: "classroom",
      })
      await measure(
        run,
        spec(String(created.data.id_course), code),
        () => ({ doceboReads: 1, doceboWrites: 0, toReads: 1, toWrites: 1 }),
        "1 Docebo read (the course) + 1 TO read + 1 write",
      )
    }
    if (tenant.endsWith("-history")) rows.push(await measureEverySession(tenant, doceboProfile))
    return {
      tenant,
      doceboProfile: world.doceboProfile,
      courses: initial.docebo.courses.filter((c) => c.course_type !== "elearning").length,
      sessions: initial.to.sessions.length,
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
        goal(
          `${tenant}: first sync calls ÷ lower bound (live sessions only)`,
          totalOf(first.calls) / totalOf(first.bound),
          1.1,
          "<=",
        ),
      )
    const everySession = find(everySessionRead)
    if (first && everySession)
      goals.push(
        goal(
          `${tenant}: first sync calls ÷ the same sync reading every session`,
          totalOf(first.calls) / totalOf(everySession.calls),
          1,
          "<",
        ),
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
    const echoes = find("one-session change: its Docebo webhooks (echoes)")
    if (moved && echoes)
      goals.push(
        goal(
          `${tenant}: one-session change with the echoes it causes, calls in total`,
          totalOf(moved.calls) + totalOf(echoes.calls),
          3,
          "<=",
        ),
      )
    return goals
  })

export const runCallBenchmark = async (
  tenants: ReadonlyArray<string>,
  doceboProfile?: DoceboProfile,
): Promise<ReadonlyArray<TenantCalls>> => {
  const results: TenantCalls[] = []
  for (const tenant of tenants) {
    const started = Date.now()
    results.push(await measureTenant(tenant, doceboProfile))
    console.log(`  measured ${tenant} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  return results
}
