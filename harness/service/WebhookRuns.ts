/**
 * How the inbox's worker turns pending deliveries into runs (pure): courses in one run, entities in another;
 * deliveries that ask for nothing are settled without a run.
 */
import type { WebhookMessage } from "../../adapters/store/WebhookInbox.ts"
import type { Entity } from "../../engine/Plan.ts"
import type { ReadOptions } from "../../engine/Reads.ts"
import type { SyncScope } from "./Runner.ts"
import type { WebhookWork } from "./WebhookScopes.ts"

export interface Pending {
  readonly message: WebhookMessage
  readonly work: WebhookWork
}

export interface PlannedRun {
  readonly scope: SyncScope
  readonly messages: ReadonlyArray<WebhookMessage>
}

type Listings = NonNullable<ReadOptions["listings"]>

/** What a webhook's system changed, by the entities it names: the run reads those listings and no others. */
const listingsOf: Readonly<Record<Entity, Listings>> = {
  course: { docebo: ["courses"], to: ["courses"] },
  session: { docebo: [], to: ["sessions"] },
  event: { docebo: [], to: ["sessions"] },
  location: { docebo: ["locations"], to: ["locations", "rooms"] },
  classroom: { docebo: ["classrooms"], to: ["locations", "rooms"] },
  trainer: { docebo: ["users"], to: ["trainers", "trainingProviders"] },
  trainingProvider: { docebo: [], to: ["trainingProviders", "sites"] },
  webinarAccount: { docebo: ["webinarAccounts"], to: ["rooms"] },
}

/**
 * What a course's webhook reads besides the course's Docebo sessions: after a Docebo course webhook both systems'
 * courses, after a Docebo session webhook nothing else (TO masters sessions, and its webhooks say when they change),
 * after a TO session webhook TO's sessions only (and not the Docebo sessions).
 */
const courseListingsOf: Readonly<Record<Extract<WebhookWork, { kind: "course" }>["origin"], Listings>> = {
  docebo: listingsOf.course,
  doceboSessions: { docebo: [], to: [] },
  to: listingsOf.session,
}

const union = (all: ReadonlyArray<Listings>): Listings => ({
  docebo: [...new Set(all.flatMap((listings) => listings.docebo ?? []))].sort(),
  to: [...new Set(all.flatMap((listings) => listings.to ?? []))].sort(),
})

/**
 * Courses in one run, entities in another; deliveries that ask for nothing are settled without a run. A run reads
 * only what the webhooks' systems changed: a TO session webhook reads TO's sessions, a Docebo course webhook Docebo's
 * courses (and the new course's sessions, never read before), a Docebo session webhook its course's sessions.
 */
export const groupRuns = (pending: ReadonlyArray<Pending>): ReadonlyArray<PlannedRun> => {
  // Every code named: a course re-coded in Docebo is named by its old code (TO's webhook) and its new one.
  const codes = new Set<string>()
  const fromDocebo = new Set<string>()
  const courseListings: Listings[] = []
  const entities = new Set<Entity>()
  // A grouped delivery may ask for several works: it goes once into each run that does one of them.
  const forCourses = new Set<WebhookMessage>()
  const forEntities = new Set<WebhookMessage>()
  for (const { message, work } of pending) {
    if (work.kind === "course") {
      codes.add(work.code)
      if (work.origin !== "to") fromDocebo.add(work.id)
      courseListings.push(courseListingsOf[work.origin])
      forCourses.add(message)
    } else if (work.kind === "entities") {
      for (const entity of work.entities) entities.add(entity)
      forEntities.add(message)
    }
  }
  const runs: PlannedRun[] = []
  if (codes.size > 0) {
    const ids = [...fromDocebo].sort()
    const named = [...codes].sort()
    const scope = { kind: "courses", ids, codes: named, listings: union(courseListings) } as const
    runs.push({ scope, messages: [...forCourses] })
  }
  if (entities.size > 0) {
    const names = [...entities].sort()
    const listings = union(names.map((entity) => listingsOf[entity]))
    runs.push({ scope: { kind: "entities", entities: names, listings }, messages: [...forEntities] })
  }
  return runs
}

/** Deliveries to settle together, with the reason they failed (null: done). */
export interface Settlement {
  readonly messages: ReadonlyArray<WebhookMessage>
  readonly failure: string | null
}

/**
 * When the planned runs' deliveries are settled: each once, after the last run it is in, failed when any of its runs
 * failed (with the first reason). Call the function returned after each run, in order, with how it ended.
 */
export const settlementsOf = (planned: ReadonlyArray<PlannedRun>) => {
  const runsLeft = new Map<WebhookMessage, number>()
  for (const run of planned) for (const message of run.messages) runsLeft.set(message, (runsLeft.get(message) ?? 0) + 1)
  const failures = new Map<WebhookMessage, string>()
  return (run: PlannedRun, failure: string | null): ReadonlyArray<Settlement> => {
    const byFailure = new Map<string | null, WebhookMessage[]>()
    for (const message of run.messages) {
      if (failure !== null && !failures.has(message)) failures.set(message, failure)
      const left = (runsLeft.get(message) ?? 1) - 1
      runsLeft.set(message, left)
      if (left > 0) continue
      const reason = failures.get(message) ?? null
      byFailure.set(reason, [...(byFailure.get(reason) ?? []), message])
    }
    return [...byFailure].map(([reason, messages]) => ({ messages, failure: reason }))
  }
}
