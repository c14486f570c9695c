/**
 * How long the console takes to answer its pages for a large tenant: the service in-process on the acme simulators,
 * its store given `courses` course statuses, `users` Docebo users in the directory and `events` event-log entries,
 * then each page asked `requests` times in a row by a signed-in browser (through `app.request`: the service's own
 * time, rendering included, without the network).
 */
import { performance } from "node:perf_hooks"
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import type { DoceboUser } from "../../engine/model/Docebo.ts"
import { DoceboUserId } from "../../engine/model/Ids.ts"
import type { CourseStatus } from "../../engine/Status.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { makeConsoleClient } from "../console/testing/Client.ts"
import { callService, startInProcessService } from "../service/InProcess.ts"
import { aliceToken, testEnv } from "../service/TestSupport.ts"
import { saveUserDirectory } from "../service/UserDirectory.ts"
import { goal } from "./Goals.ts"
import { fmt, type PartResult } from "./Report.ts"

export interface ConsoleSettings {
  readonly courses: number
  readonly users: number
  readonly events: number
  readonly requests: number
}

export interface PageTiming {
  readonly page: string
  readonly path: string
  readonly bytes: number
  readonly p50Ms: number
  readonly p95Ms: number
  readonly maxMs: number
}

const statusesFor = (count: number): ReadonlyArray<CourseStatus> =>
  Array.from({ length: count }, (_, i) => ({
    courseId: String(700_000 + i),
    code: `CONSOLE-${i}`,
    name: `Workshop ${i}`,
    type: i % 3 === 0 ? "vilt" : "ilt",
    status: i % 50 === 0 ? "error" : i % 10 === 0 ? "pending" : "synced",
    error: i % 50 === 0 ? "the course has no code in Docebo: add one in Course Management" : null,
    warnings: [],
    lastSyncedAt: i % 50 === 0 ? null : "2027-01-04T08:00:00.000Z",
  }))

const eventsFor = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.parse("2027-01-01T00:00:00Z") + i * 60_000).toISOString(),
    user: i % 7 === 0 ? "alice" : "iltsync",
    action: ["session.update", "session.create", "trainer.add", "sync.start"][i % 4] as string,
    target: i % 4 === 2 ? String(12_000 + i) : null,
    ip: "10.0.0.8",
    details: { opId: `op_${i}`, course: `CONSOLE-${i % 1000}`, fields: ["name", "date_begin"] },
  }))

const usersFor = (count: number): ReadonlyArray<DoceboUser> =>
  Array.from({ length: count }, (_, i) => ({
    id: DoceboUserId.make(String(200_000 + i)),
    username: `learner.${i}`,
    firstName: `Learner${i % 997}`,
    lastName: `Family${i}`,
    email: `learner.${i}@bench.example`,
    isInstructor: null,
  }))

const percentile = (sorted: ReadonlyArray<number>, share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN

const pages: ReadonlyArray<readonly [string, string]> = [
  ["Courses, first page", "/console/courses"],
  ["Courses, search by code", "/console/courses?q=console-9999"],
  ["Courses, errors, last page", "/console/courses?status=error&page=8"],
  ["Training Providers", "/console/training-providers"],
  ["Trainers", "/console/trainers"],
  ["Credentials", "/console/credentials"],
  ["Event Logs, newest first", "/console/event-logs"],
  ["Event Logs, by action", "/console/event-logs?sort=action"],
  ["New Trainers, users", "/console/trainers/new/users?provider=prv_academy"],
]

export const measureConsole = async (settings: ConsoleSettings): Promise<ReadonlyArray<PageTiming>> => {
  const seeds = simulatorSeedsFor("acme")
  if (seeds === undefined) throw new Error("the acme tenant is missing")
  const started = await startInProcessService({ seeds, env: testEnv(), service: { log: () => {} } })
  try {
    const run = <A, E>(effect: Effect.Effect<A, E, Store>) => started.service.runtime.runPromise(effect)
    await run(Effect.flatMap(Store, (store) => store.upsertCourseStatuses(statusesFor(settings.courses))))
    await run(Effect.flatMap(Store, (store) => store.appendEvents(eventsFor(settings.events))))
    await run(saveUserDirectory(usersFor(settings.users), "2027-01-04T08:00:00.000Z"))
    // A first sync, so that the providers the trainer picker offers are known.
    const sync = await callService(started.service, "POST", "/sync", { body: {}, token: aliceToken })
    const { jobId } = sync.json<{ jobId: string }>()
    for (;;) {
      const job = (await callService(started.service, "GET", `/jobs/${jobId}`, { token: aliceToken })).json()
      if (job.status === "succeeded") break
      if (job.status === "failed") throw new Error(`the first sync failed: ${JSON.stringify(job)}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const browser = makeConsoleClient(started.service)
    await browser.signIn(aliceToken)
    const timings: PageTiming[] = []
    for (const [page, path] of pages) {
      let bytes = 0
      const times: number[] = []
      for (let i = 0; i < settings.requests + 3; i++) {
        const at = performance.now()
        const answer = await browser.get(path)
        const took = performance.now() - at
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`)
        // The first answers warm the caches and the JIT: a page asked for again is what an operator waits for.
        if (i >= 3) times.push(took)
        bytes = answer.html.length
      }
      const sorted = times.sort((a, b) => a - b)
      timings.push({
        page,
        path,
        bytes,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        maxMs: sorted.at(-1) ?? Number.NaN,
      })
    }
    return timings
  } finally {
    await started.close()
  }
}

export const consolePart = (settings: ConsoleSettings, timings: ReadonlyArray<PageTiming>): PartResult => ({
  title: "The console's pages for a large tenant",
  inputs: [
    `The service in-process on the acme simulators; its store holds ${fmt(settings.courses)} course statuses, ${fmt(settings.events)} event-log entries and ${fmt(settings.users)} Docebo users in the trainer picker's directory. A signed-in browser (cookie, no network: \`app.request\`) asks each page ${settings.requests} times in a row after 3 warm-up requests; the time is the service's own, from request to the last byte of HTML (harness/bench/Console.ts).`,
  ],
  tables: [
    {
      caption: "Page answer times (ms)",
      header: ["page", "path", "KB", "p50", "p95", "max"],
      rows: timings.map((t) => [
        t.page,
        t.path,
        fmt(t.bytes / 1024, 1),
        fmt(t.p50Ms, 1),
        fmt(t.p95Ms, 1),
        fmt(t.maxMs, 1),
      ]),
    },
  ],
  goals: timings.map((t) => goal(`${t.page}: p95 ms`, t.p95Ms, 100, "<")),
  notes: [],
  figures: { settings, timings },
})
