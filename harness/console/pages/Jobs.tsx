/**
 * *Synchronize* and what follows it: the job's live progress (phase, listings and records read, API calls used and
 * left in the hour, an estimate of the time left from the budget, then ops applied), and the recent jobs. The page
 * is complete as served; the script refreshes the same fields from `progress.json` until the job ends.
 */
import { Effect } from "effect"
import type { Job } from "../../../adapters/store/Jobs.ts"
import { Store } from "../../../adapters/store/Store.ts"
import { type CallsView, progressView } from "../../service/JobProgress.ts"
import { recentJobs } from "../../service/Jobs.ts"
import { startSync } from "../../service/routes/Sync.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, redirectWith, renderPage } from "../Deps.ts"
import { Page } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const phaseLabels: Record<string, string> = {
  queued: "Waiting for the run before it",
  reading: "Reading both systems",
  planning: "Planning",
  applying: "Applying changes",
  done: "Done",
  failed: "Failed",
}

const duration = (seconds: number) => {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  const minutes = Math.round(seconds / 60)
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

const budgetText = (budget: CallsView | undefined) =>
  budget === undefined ? "—" : `${budget.used} used, ${budget.left} left of ${budget.limitPerHour} this hour`

const finished = (job: Job) => job.status === "succeeded" || job.status === "failed"

/** Every line of the progress view, as text: the page and its refreshes show the same. */
export const progressFields = (job: Job): Record<string, string> => {
  const progress = progressView(job)
  const reading = progress.listingsTotal > 0
  const courses =
    progress.sessionsToRead === null
      ? ""
      : `; sessions of ${progress.sessionsRead} of ${progress.sessionsToRead} courses`
  return {
    status: job.status,
    phase: phaseLabels[progress.phase] ?? progress.phase,
    listings: reading ? `${progress.listingsRead} of ${progress.listingsTotal} listings${courses}` : "—",
    records: reading ? String(progress.recordsRead) : "—",
    docebo: budgetText(progress.calls?.docebo),
    to: budgetText(progress.calls?.to),
    eta: finished(job) ? "—" : progress.etaSeconds === null ? "not known yet" : duration(progress.etaSeconds),
    ops: progress.total === 0 ? (finished(job) ? "none needed" : "—") : `${progress.done} of ${progress.total}`,
    result: job.error ?? (job.status === "succeeded" ? summaryText(job) : ""),
  }
}

const summaryText = (job: Job) => {
  const summary = job.summary as {
    readonly ops?: { readonly done: number; readonly failed: number; readonly skipped: number } | null
    readonly held?: ReadonlyArray<unknown>
    readonly blocked?: ReadonlyArray<unknown>
  } | null
  if (summary === null) return "Finished."
  const ops = summary.ops
  const parts = [
    ops ? `${ops.done} changes applied` : "nothing applied (a dry run)",
    ops && ops.failed > 0 ? `${ops.failed} failed` : null,
    (summary.held?.length ?? 0) > 0 ? `${summary.held?.length} held for approval (Review Plan)` : null,
    (summary.blocked?.length ?? 0) > 0 ? `${summary.blocked?.length} blocked` : null,
  ].filter((part) => part !== null)
  return `Finished: ${parts.join(", ")}.`
}

const rows: ReadonlyArray<readonly [string, string]> = [
  ["status", "Status"],
  ["phase", "Phase"],
  ["listings", "Read so far"],
  ["records", "Records read"],
  ["docebo", "Docebo API calls"],
  ["to", "Training Orchestra API calls"],
  ["eta", "Time left (from the API budget)"],
  ["ops", "Changes worked through"],
  ["result", "Result"],
]

export const jobPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const id = c.req.param("id") ?? ""
  const job = await deps.run(Effect.flatMap(Store, (store) => store.getJob(id)))
  if (job === null) return redirectWith(deps, c, "/console/jobs", { kind: "error", text: `There is no job ${id}.` })
  const fields = progressFields(job)
  return renderPage(
    c,
    <Page title="Synchronization" tab={null} {...frameOf(deps, c)}>
      <p>
        Job <code>{job.id}</code> ({job.kind}), started {job.createdAt.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC")}.
        You can leave this page: the job goes on in the background.
      </p>
      <dl
        class="progress"
        aria-live="polite"
        {...(finished(job) ? {} : { "data-progress": `/console/jobs/${encodeURIComponent(job.id)}/progress.json` })}
      >
        {rows.map(([key, label]) => (
          <div>
            <dt>{label}</dt>
            <dd data-field={key}>{fields[key]}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href="/console/plan">Review Plan</a> · <a href="/console/courses">Courses</a>
      </p>
    </Page>,
  )
}

export const jobProgress = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const job = await deps.run(Effect.flatMap(Store, (store) => store.getJob(c.req.param("id") ?? "")))
  if (job === null) return c.json({ finished: true, fields: { status: "unknown" } }, 404)
  return c.json({ finished: finished(job), fields: progressFields(job) })
}

export const synchronizePost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const result = await attempt(() => deps.run(startSync(c, deps, {})))
  if (result.ok) return c.redirect(`/console/jobs/${encodeURIComponent(result.value.id)}`, 303)
  const jobId = result.problem.jobId
  if (result.problem.status === 409 && jobId !== null) {
    return redirectWith(deps, c, `/console/jobs/${encodeURIComponent(jobId)}`, {
      kind: "info",
      text: "A synchronization is already under way: here is its progress.",
    })
  }
  return redirectWith(deps, c, "/console/courses", { kind: "error", text: result.problem.detail })
}

const when = (iso: string) => iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC")

export const jobsPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const jobs = await deps.run(recentJobs(30))
  return renderPage(
    c,
    <Page title="Jobs" tab={null} {...frameOf(deps, c)}>
      <p class="hint">
        The newest synchronizations, whoever started them: operators, webhooks and the periodic reconcile.
      </p>
      <table>
        <caption class="visually-hidden">Recent jobs</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Changes worked through</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 ? (
            <tr>
              <td colspan={5}>No job yet: start one with Synchronize.</td>
            </tr>
          ) : (
            jobs.map((job) => (
              <tr>
                <td>
                  <a href={`/console/jobs/${encodeURIComponent(job.id)}`}>{when(job.createdAt)}</a>
                </td>
                <td>{job.kind}</td>
                <td>{job.status}</td>
                <td>{job.progress.total === 0 ? "—" : `${job.progress.done} of ${job.progress.total}`}</td>
                <td>{job.error ?? ""}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Page>,
  )
}
