import { Lookups, ResolveState } from "./diff/Context.ts"
import { flowInputOf } from "./diff/Feed.ts"
import { planReconfigurationFlags } from "./diff/Flags.ts"
import { type FlowResult, reconcileFlow } from "./diff/Flow.ts"
import {
  blockFailingCourses,
  holdMassChanges,
  keepWithDependencies,
  propagateStatus,
  scopeToCourses,
  sortOps,
  summarise,
} from "./diff/Guards.ts"
import { planProviders } from "./diff/Providers.ts"
import { planSessions } from "./diff/Sessions.ts"
import { planTrainers } from "./diff/Trainers.ts"
import { unlistedValues } from "./diff/Unlisted.ts"
import { History, withoutHistory } from "./Horizon.ts"
import type { DoceboSnapshot } from "./model/Docebo.ts"
import type { Link, LinkedEntity, Links, StoreSnapshot } from "./model/Store.ts"
import type { ToSnapshot } from "./model/Training.ts"
import { naturalKey } from "./Normalise.ts"
import { failingCourses, noticeWarning, type ReadNotice } from "./Notices.ts"
import { type Entity, type Op, orderOpKeys, type PlanBody, type Warning } from "./Plan.ts"
import { defaultGuards, entityRulesFor, type Guards } from "./Rules.ts"
import type { AnyRule } from "./RuleTypes.ts"
import { type DoceboStamps, defaultDoceboStamps } from "./Stamps.ts"

export interface PlanOptions {
  readonly guards?: Guards
  /** Where the Docebo tenant keeps iltsync's session stamps (engine/Stamps.ts); the session `code` by default. */
  readonly stamps?: DoceboStamps
  /** Limit the plan to these Docebo course codes (and whatever their ops depend on). */
  readonly courses?: ReadonlyArray<string>
  /** Limit the plan to ops of these entities (and whatever they depend on), e.g. after an operator's trainer edit. */
  readonly entities?: ReadonlyArray<Entity>
  /** What the reads reported without failing: shown as warnings; a course that failed on its own is blocked. */
  readonly notices?: ReadonlyArray<ReadNotice>
  /** The sync horizon (ISO time): sessions over before it are history, left out of the plan (engine/Horizon.ts). */
  readonly horizon?: string | null
}

interface Reconciled {
  readonly ops: ReadonlyArray<Op>
  readonly warnings: ReadonlyArray<Warning>
  readonly flows: ReadonlyArray<{ readonly rule: AnyRule; readonly flow: FlowResult }>
}

/** The rules with every rule after those it depends on (stable: otherwise in table order). */
const inDependencyOrder = (rules: ReadonlyArray<AnyRule>): ReadonlyArray<AnyRule> => {
  const ordered: AnyRule[] = []
  const placed = new Set<LinkedEntity>()
  const visit = (rule: AnyRule, path: ReadonlyArray<LinkedEntity>) => {
    if (placed.has(rule.entity)) return
    if (path.includes(rule.entity)) throw new Error(`the rules depend on each other in a cycle: ${path.join(" → ")}`)
    for (const entity of rule.planning.dependsOn) {
      const dependency = rules.find((r) => r.entity === entity)
      if (dependency === undefined) throw new Error(`the ${rule.entity} rule depends on ${entity}, which has no rule`)
      visit(dependency, [...path, rule.entity])
    }
    placed.add(rule.entity)
    ordered.push(rule)
  }
  for (const rule of rules) visit(rule, [])
  return ordered
}

const planOrders: Readonly<Record<DoceboStamps, ReadonlyArray<AnyRule>>> = {
  code: inDependencyOrder(entityRulesFor("code")),
  none: inDependencyOrder(entityRulesFor("none")),
}

/**
 * Runs every entity's flow, each after the flows it resolves references through. Trainers and sessions have planners
 * of their own on top of the generic flow (operator edits, enrollment holds); the others are their rules alone.
 */
const reconcileAll = (
  docebo: DoceboSnapshot,
  to: ToSnapshot,
  store: StoreSnapshot,
  collect: boolean,
  stamps: DoceboStamps,
): Reconciled => {
  const input = { docebo, to, store }
  const lookups = new Lookups(docebo, to)
  const done = new Map<LinkedEntity, FlowResult>()
  const pending = new Map<string, ReadonlyMap<string, string>>()
  const providers = planProviders(store.providerRequests, to)
  const extraOps: Op[] = [...providers.ops]
  const extraWarnings: Warning[] = [...providers.warnings]
  const flows: Array<{ readonly rule: AnyRule; readonly flow: FlowResult }> = []

  for (const rule of planOrders[stamps]) {
    const context = { resolve: new ResolveState(lookups, done, rule), pending, collectFingerprints: collect }
    let flow: FlowResult
    if (rule.entity === "trainer") {
      const trainers = planTrainers(input, context, providers, pending)
      flow = trainers.flow
      extraOps.push(...trainers.doceboOps)
    } else if (rule.entity === "session") {
      const sessions = planSessions(rule, input, context)
      flow = sessions.flow
      extraWarnings.push(...sessions.warnings)
    } else flow = reconcileFlow(flowInputOf(rule, input, context))
    done.set(rule.entity, flow)
    if (rule.planning.awaited) pending.set(rule.entity, flow.pendingOps)
    flows.push({ rule, flow })
  }

  const trainers = done.get("trainer")
  const courses = done.get("course")
  const managed = new Map(trainers?.pairs.masterOf)
  for (const trainer of to.trainers) if (trainer.externalRef !== null) managed.set(trainer.id, trainer.externalRef)
  const flags = planReconfigurationFlags(to, trainers?.ops ?? [], managed, (id) => courses?.pairs.masterOf.get(id))

  return {
    ops: [...flows.flatMap(({ flow }) => flow.ops), ...extraOps, ...flags],
    warnings: [...flows.flatMap(({ flow }) => flow.warnings), ...extraWarnings],
    flows,
  }
}

/**
 * How many records of an entity there are, for the mass-change guard. Asked only for entities with removals: counting
 * the events up front would be one more pass over every Docebo session on every plan.
 */
const recordTotals =
  (docebo: DoceboSnapshot, to: ToSnapshot, links: Links) =>
  (entity: Entity): number => {
    switch (entity) {
      case "trainingProvider":
        return to.trainingProviders.length
      case "webinarAccount":
        return Math.max(
          to.rooms.reduce((count, room) => count + (room.kind === "virtual" ? 1 : 0), 0),
          links.webinarAccount.length,
        )
      case "course":
        return Math.max(to.courses.length, links.course.length)
      case "trainer":
        return Math.max(to.trainers.length, links.trainer.length)
      case "session":
        return Math.max(docebo.sessions.length, links.session.length)
      case "event":
        return docebo.sessions.reduce((sum, session) => sum + session.events.length, 0)
      default:
        return 0
    }
  }

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byCodeThenKey = (a: Warning, b: Warning) =>
  compareText(a.code, b.code) || compareText(a.key, b.key) || compareText(a.message, b.message)

/**
 * The planner: a pure, deterministic function from both systems' snapshots and iltsync's store to the change set
 * that brings every replica in line with its master. No clock, no IO, sorted output.
 */
export const plan = (
  allDocebo: DoceboSnapshot,
  allTo: ToSnapshot,
  allStore: StoreSnapshot,
  options: PlanOptions = {},
): PlanBody => {
  const stampPlace = options.stamps ?? defaultDoceboStamps
  const horizon = options.horizon ?? null
  // A session whose events were left unread is never planned on, even once the horizon is turned off: its course is
  // read again first (engine/Reads.ts).
  const live =
    horizon === null && !allDocebo.sessions.some((session) => session.eventsUnread === true)
      ? null
      : withoutHistory(allDocebo, allTo, allStore, new History(horizon, allTo.sessions, allStore, stampPlace))
  const { docebo, to, store } = live ?? { docebo: allDocebo, to: allTo, store: allStore }
  const { ops, warnings } = reconcileAll(docebo, to, store, false, stampPlace)
  const notices = options.notices ?? []
  const links = store.links
  const totalOf = recordTotals(docebo, to, links)
  const blocked = blockFailingCourses(ops, failingCourses(notices))
  let planned = propagateStatus(sortOps(holdMassChanges(blocked, totalOf, options.guards ?? defaultGuards)))
  if (options.courses !== undefined) {
    const codes = new Set(options.courses.map((code) => naturalKey(code)))
    const ids = new Set<string>(
      docebo.courses.filter((course) => codes.has(naturalKey(course.code))).map((course) => course.id),
    )
    planned = scopeToCourses(planned, ids)
  }
  if (options.entities !== undefined) {
    const entities = new Set<string>(options.entities)
    planned = keepWithDependencies(planned, (op) => entities.has(op.entity))
  }
  const reported = [...warnings, ...unlistedValues(docebo), ...notices.map(noticeWarning)].sort(byCodeThenKey)
  return {
    summary: summarise(planned),
    ops: planned.map(orderOpKeys),
    warnings: reported,
    ...(horizon === null ? {} : { history: { before: horizon, sessions: live?.sessions ?? 0 } }),
  }
}

/**
 * The links of every pair of records the planner finds in step or pairs up (by link, stamped id or natural key),
 * each with its master's current fingerprint: what the store should hold once both sides agree.
 */
export const pairLinks = (
  docebo: DoceboSnapshot,
  to: ToSnapshot,
  store: StoreSnapshot,
  stamps: DoceboStamps = defaultDoceboStamps,
): Links => {
  const { flows } = reconcileAll(docebo, to, store, true, stamps)
  const out: Record<LinkedEntity, Array<Link>> = {
    course: [],
    session: [],
    location: [],
    classroom: [],
    trainer: [],
    webinarAccount: [],
  }
  for (const { rule, flow } of flows) {
    flow.pairs.forEach((key, replicaId) => {
      const fingerprint = flow.fingerprints.get(key)
      if (fingerprint === undefined) return
      out[rule.entity].push(
        rule.master === "docebo"
          ? { docebo: key, to: replicaId, fingerprint }
          : { docebo: replicaId, to: key, fingerprint },
      )
    })
  }
  return out
}
