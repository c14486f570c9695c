/**
 * `POST /sync` (a background job), `GET /jobs` (the newest), `GET /jobs/{id}` (its progress), `GET /plan` (a fresh
 * dry run) and `POST /plan/held/{opId}/approve` (one held op applied at once).
 */
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { Store } from "../../../adapters/store/Store.ts"
import type { KnownState } from "../../../engine/Known.ts"
import { naturalKey } from "../../../engine/Normalise.ts"
import { planDocument, planInputs } from "../../Sync.ts"
import { approveHeldOp } from "../Approve.ts"
import type { ServiceEnv } from "../Auth.ts"
import { decodeBody, decodeEmptyBody, decodeParam, decodeQuery, NonEmptyId, NonEmptyList } from "../Body.ts"
import { callerOf, logAction, type RouteDeps, type ServiceContext } from "../Http.ts"
import { Jobs, jobView, recentJobs } from "../Jobs.ts"
import { badInput, notFound, Problem } from "../Problem.ts"
import { Runner, type SyncScope } from "../Runner.ts"

const SyncBody = Schema.Struct({
  dryRun: Schema.optional(Schema.Boolean),
  courses: Schema.optional(NonEmptyList(NonEmptyId)),
})

/**
 * The codes, with their place in the list, that none of the ILT and VILT courses iltsync has read from Docebo has.
 * None while it has not read Docebo's whole course listing (before the first sync, or after a read cut short): a
 * code cannot be judged then, and refusing would bar an operator from syncing one course before the first full sync;
 * the run reads the listing before it plans, and plans nothing for a code it does not find there.
 */
export const unknownCodes = (
  courses: KnownState["docebo"],
  codes: ReadonlyArray<string>,
): ReadonlyArray<{ readonly index: number; readonly code: string }> => {
  if (!courses.complete.courses) return []
  const read = new Set(courses.courses.map((course) => naturalKey(course.code)))
  return codes.flatMap((code, index) => (read.has(naturalKey(code)) ? [] : [{ index, code }]))
}

const refuseUnknown = (unknown: ReturnType<typeof unknownCodes>) =>
  badInput(
    unknown.map(({ index, code }) => ({
      field: `courses[${index}]`,
      message: `no ILT or VILT course in Docebo has the code ${JSON.stringify(code)} (as iltsync last read them: a course created since is known after the next sync)`,
    })),
  )

/**
 * The Docebo ids of the courses with these codes, as last read: their sessions are read again by the run. A code no
 * course has is refused, where iltsync can tell.
 */
const courseScope = (codes: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const store = yield* Store
    const known = yield* store.loadKnownState()
    const unknown = unknownCodes(known.docebo, codes)
    if (unknown.length > 0) return yield* Effect.die(refuseUnknown(unknown))
    const wanted = new Set(codes.map((code) => naturalKey(code)))
    const ids = known.docebo.courses.filter((course) => wanted.has(naturalKey(course.code))).map((course) => course.id)
    return { kind: "courses", codes, ids } satisfies SyncScope
  })

export type SyncAsk = typeof SyncBody.Type

/** Starts a sync as a background job; a second full sync while one is queued or running is refused with its id. */
export const startSync = (c: ServiceContext, deps: RouteDeps, body: SyncAsk) =>
  Effect.gen(function* () {
    const scope: SyncScope = body.courses === undefined ? { kind: "full" } : yield* courseScope(body.courses)
    const jobs = yield* Jobs
    const started = yield* jobs.start({
      scope,
      dryRun: body.dryRun ?? false,
      trigger: "operator",
      ...callerOf(c),
      // A full sync is long background work; an operator waiting on a few courses goes first.
      priority: scope.kind === "full" ? "background" : "interactive",
    })
    if (!started.created) {
      return yield* Effect.die(
        new Problem(409, `a full sync is already ${started.job.status}: job ${started.job.id}`, {
          jobId: started.job.id,
        }),
      )
    }
    yield* logAction(c, deps.clock, {
      action: "sync.start",
      details: { jobId: started.job.id, dryRun: body.dryRun ?? false, courses: body.courses ?? null },
    })
    return started.job
  })

export const syncRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().post("/", async (c) => {
    const job = await deps.run(startSync(c, deps, await decodeBody(c, SyncBody)))
    return c.json({ jobId: job.id }, 202, { location: `/jobs/${job.id}` })
  })

const JobsQuery = Schema.Struct({
  limit: Schema.optional(
    Schema.NumberFromString.pipe(
      Schema.int({ message: () => "must be a whole number" }),
      Schema.between(1, 100, { message: () => "must be from 1 to 100" }),
    ),
  ),
})

export const jobRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>()
    .get("/", async (c) => {
      const { limit } = decodeQuery(c, JobsQuery)
      return c.json(await deps.run(recentJobs(limit ?? 20)))
    })
    .get("/:id", async (c) => {
      const id = c.req.param("id")
      const job = await deps.run(Effect.flatMap(Store, (store) => store.getJob(id)))
      if (job === null) throw notFound(`no job ${id}`)
      return c.json(jobView(job))
    })

/** An op id as a plan shows it (`docebo:session:delete:…`); longer than an id, as it holds the op's key. */
const OpId = Schema.String.pipe(Schema.nonEmptyString({ message: () => "must not be empty" }))

/** A fresh dry run's plan document: it writes nothing and takes no lock. */
export const freshPlan = (c: ServiceContext) =>
  Effect.gen(function* () {
    const runner = yield* Runner
    const { report, store } = yield* runner.run({
      scope: { kind: "full" },
      dryRun: true,
      trigger: "operator",
      ...callerOf(c),
      priority: "interactive",
    })
    return planDocument(report.planned, planInputs(report.known.docebo, report.known.to, store))
  })

export const planRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>()
    .post("/held/:opId/approve", async (c) => {
      const opId = decodeParam(c, "opId", OpId)
      await decodeEmptyBody(c)
      return c.json(await deps.run(approveHeldOp(opId, callerOf(c))))
    })
    .get("/", async (c) => c.json(await deps.run(freshPlan(c))))
