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

const union = (all: ReadonlyArray<Listings>): Listings => ({
  docebo: [...new Set(all.flatMap((listings) => listings.docebo ?? []))].sort(),
  to: [...new Set(all.flatMap((listings) => listings.to ?? []))].sort(),
})

/**
 * Courses in one run, entities in another; deliveries that ask for nothing are settled without a run. A run reads
 * only what the webhooks' systems changed: a TO session webhook reads TO's sessions, a Docebo course webhook Docebo's
 * courses (and the new course's sessions, never read before).
 */
export const groupRuns = (pending: ReadonlyArray<Pending>): ReadonlyArray<PlannedRun> => {
  // Every code named: a course re-coded in Docebo is named by its old code (TO's webhook) and its new one.
  const codes = new Set<string>()
  const fromDocebo = new Set<string>()
  const courseListings: Listings[] = []
  const entities = new Set<Entity>()
  const forCourses: WebhookMessage[] = []
  const forEntities: WebhookMessage[] = []
  for (const { message, work } of pending) {
    if (work.kind === "course") {
      codes.add(work.code)
      if (work.origin === "docebo") fromDocebo.add(work.id)
      courseListings.push(work.origin === "docebo" ? listingsOf.course : listingsOf.session)
      forCourses.push(message)
    } else if (work.kind === "entities") {
      for (const entity of work.entities) entities.add(entity)
      forEntities.push(message)
    }
  }
  const runs: PlannedRun[] = []
  if (codes.size > 0) {
    const ids = [...fromDocebo].sort()
    const named = [...codes].sort()
    runs.push({ scope: { kind: "courses", ids, codes: named, listings: union(courseListings) }, messages: forCourses })
  }
  if (entities.size > 0) {
    const names = [...entities].sort()
    const listings = union(names.map((entity) => listingsOf[entity]))
    runs.push({ scope: { kind: "entities", entities: names, listings }, messages: forEntities })
  }
  return runs
}
