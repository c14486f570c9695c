import { ResolveState } from "./diff/Context.ts"
import { planReconfigurationFlags } from "./diff/Flags.ts"
import { type Decision, type FlowResult, reconcileFlow, sync } from "./diff/Flow.ts"
import {
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
import type { DoceboCourse, DoceboSnapshot } from "./model/Docebo.ts"
import type { Link, LinkedEntity, Links, StoreSnapshot } from "./model/Store.ts"
import type { ToSnapshot } from "./model/Training.ts"
import { naturalKey } from "./Normalise.ts"
import { type Entity, type Op, orderOpKeys, type PlanBody, type System, type Warning } from "./Plan.ts"
import { classroomRule, courseRule, defaultGuards, type Guards, locationRule, webinarAccountRule } from "./Rules.ts"

export interface PlanOptions {
  readonly guards?: Guards
  /** Limit the plan to these Docebo course codes (and whatever their ops depend on). */
  readonly courses?: ReadonlyArray<string>
  /** Limit the plan to ops of these entities (and whatever they depend on), e.g. after an operator's trainer edit. */
  readonly entities?: ReadonlyArray<Entity>
}

const courseDecision = (docebo: DoceboSnapshot, store: StoreSnapshot) => {
  const linked = new Set<string>(store.links.course.map((link) => link.docebo))
  const codeCount = new Map<string, number>()
  for (const course of docebo.courses) {
    const code = naturalKey(course.code)
    if (code !== "") codeCount.set(code, (codeCount.get(code) ?? 0) + 1)
  }
  return (course: DoceboCourse): Decision => {
    const code = naturalKey(course.code)
    if (code === "") {
      return {
        kind: "keep",
        warning: {
          code: "course_code_missing",
          key: course.id,
          message: `course "${course.name}" (${course.id}): course code is missing`,
        },
      }
    }
    if ((codeCount.get(code) ?? 0) > 1 && !linked.has(course.id)) {
      return {
        kind: "keep",
        warning: {
          code: "course_code_duplicate",
          key: course.id,
          message: `course "${course.name}" (${course.id}): course code "${course.code.trim()}" is used by another Docebo course`,
        },
      }
    }
    return sync
  }
}

const zoomV3Decision = (account: DoceboSnapshot["webinarAccounts"][number]): Decision =>
  account.tool === "zoom_v3"
    ? {
        kind: "keep",
        warning: {
          code: "unsupported_webinar_tool",
          key: account.id,
          message: `webinar account "${account.name}" uses Zoom version 3, which Training Orchestra does not support; it is not sent`,
        },
      }
    : sync

/** Docebo classrooms belong to a location; a TO room without one cannot be mirrored. */
const roomDecision = (room: ToSnapshot["rooms"][number]): Decision =>
  room.locationId === null
    ? {
        kind: "keep",
        warning: {
          code: "room_without_location",
          key: room.id,
          message: `room "${room.name}" (${room.id}) has no location in Training Orchestra, so it cannot become a Docebo classroom`,
        },
      }
    : sync

interface Reconciled {
  readonly ops: ReadonlyArray<Op>
  readonly warnings: ReadonlyArray<Warning>
  readonly flows: ReadonlyArray<{ readonly entity: LinkedEntity; readonly master: System; readonly flow: FlowResult }>
}

/** Runs every entity's flow in dependency order; each flow resolves ids through the flows before it. */
const reconcileAll = (docebo: DoceboSnapshot, to: ToSnapshot, store: StoreSnapshot, collect: boolean): Reconciled => {
  const resolve = new ResolveState(docebo, to)
  const pending = new Map<string, ReadonlyMap<string, string>>()
  const links = store.links
  const common = { resolve, pending, collectFingerprints: collect }

  const accounts = reconcileFlow({
    ...common,
    rule: webinarAccountRule,
    masters: docebo.webinarAccounts,
    replicas: to.rooms.filter((room) => room.kind === "virtual"),
    masterComplete: docebo.complete.webinarAccounts,
    replicaComplete: to.complete.rooms,
    links: links.webinarAccount,
    label: (account) => `"${account.name}" (${account.tool})`,
    decide: zoomV3Decision,
  })
  resolve.accounts = accounts

  const courses = reconcileFlow({
    ...common,
    rule: courseRule,
    masters: docebo.courses,
    replicas: to.courses,
    masterComplete: docebo.complete.courses,
    replicaComplete: to.complete.courses,
    links: links.course,
    label: (course) => `"${course.code.trim() || course.name}" (${course.id})`,
    decide: courseDecision(docebo, store),
    courseOfMaster: (course) => course.id,
    courseOfReplica: (course) => course.externalRef ?? undefined,
  })
  resolve.courses = courses
  pending.set("course", courses.pendingOps)

  const locations = reconcileFlow({
    ...common,
    rule: locationRule,
    masters: to.locations,
    replicas: docebo.locations,
    masterComplete: to.complete.locations,
    replicaComplete: docebo.complete.locations,
    links: links.location,
    label: (location) => `"${location.name}" (${location.id})`,
  })
  resolve.locations = locations
  pending.set("location", locations.pendingOps)

  const classrooms = reconcileFlow({
    ...common,
    rule: classroomRule,
    masters: to.rooms.filter((room) => room.kind === "physical"),
    replicas: docebo.classrooms,
    masterComplete: to.complete.rooms,
    replicaComplete: docebo.complete.classrooms,
    links: links.classroom,
    label: (room) => `"${room.name}" (${room.id})`,
    decide: roomDecision,
  })
  resolve.classrooms = classrooms
  pending.set("classroom", classrooms.pendingOps)

  const providers = planProviders(store.providerRequests, to)
  const trainers = planTrainers(docebo, to, store, resolve, providers, pending, collect)
  resolve.trainers = trainers.flow

  const sessions = planSessions(docebo, to, links, resolve, pending, collect)

  const managed = new Map(trainers.flow.pairs.masterOf)
  for (const trainer of to.trainers) if (trainer.externalRef !== null) managed.set(trainer.id, trainer.externalRef)
  const flags = planReconfigurationFlags(to, trainers.flow.ops, managed, (id) => courses.pairs.masterOf.get(id))

  const flows = [
    { entity: "webinarAccount", master: "docebo", flow: accounts },
    { entity: "course", master: "docebo", flow: courses },
    { entity: "location", master: "to", flow: locations },
    { entity: "classroom", master: "to", flow: classrooms },
    { entity: "trainer", master: "docebo", flow: trainers.flow },
    { entity: "session", master: "to", flow: sessions.flow },
  ] as const
  return {
    ops: [...flows.flatMap(({ flow }) => flow.ops), ...providers.ops, ...trainers.doceboOps, ...flags],
    warnings: [...flows.flatMap(({ flow }) => flow.warnings), ...providers.warnings, ...sessions.warnings],
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

const byCodeThenKey = (a: Warning, b: Warning) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0

/**
 * The planner: a pure, deterministic function from both systems' snapshots and iltsync's store to the change set
 * that brings every replica in line with its master. No clock, no IO, sorted output.
 */
export const plan = (
  docebo: DoceboSnapshot,
  to: ToSnapshot,
  store: StoreSnapshot,
  options: PlanOptions = {},
): PlanBody => {
  const { ops, warnings } = reconcileAll(docebo, to, store, false)
  const links = store.links
  const totalOf = recordTotals(docebo, to, links)
  let planned = propagateStatus(sortOps(holdMassChanges(ops, totalOf, options.guards ?? defaultGuards)))
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
  return { summary: summarise(planned), ops: planned.map(orderOpKeys), warnings: [...warnings].sort(byCodeThenKey) }
}

/**
 * The links of every pair of records the planner finds in step or pairs up (by link, stamped id or natural key),
 * each with its master's current fingerprint: what the store should hold once both sides agree.
 */
export const pairLinks = (docebo: DoceboSnapshot, to: ToSnapshot, store: StoreSnapshot): Links => {
  const { flows } = reconcileAll(docebo, to, store, true)
  const out: Record<LinkedEntity, Array<Link>> = {
    course: [],
    session: [],
    location: [],
    classroom: [],
    trainer: [],
    webinarAccount: [],
  }
  for (const { entity, master, flow } of flows) {
    flow.pairs.forEach((key, replicaId) => {
      const fingerprint = flow.fingerprints.get(key)
      if (fingerprint === undefined) return
      out[entity].push(
        master === "docebo" ? { docebo: key, to: replicaId, fingerprint } : { docebo: replicaId, to: key, fingerprint },
      )
    })
  }
  return out
}
