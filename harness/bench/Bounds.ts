/**
 * What a run needs at least, counted from the simulators' state before it, and what a naive integration would spend.
 * Pure. How each is counted (the benchmark's report repeats it):
 *
 * - A **full read** is every page of every listing at the vendor's largest page (Docebo 200, TO 500), at least one
 *   page per listing, plus one token call per system and Docebo's domain check. Docebo's API has no listing of all
 *   sessions or all events: sessions are listed per course and events per session, so a full read costs one page per
 *   ILT/VILT course and one per session. Docebo courses are read in whichever way needs fewer pages (unfiltered, or
 *   one listing per synced type); users in full or one by one for iltsync's trainers, whichever is fewer. An optional
 *   endpoint the tenant lacks (simulators/docebo/Profile.ts, `strict`) costs one call, its 404, whatever it would
 *   have listed.
 * - A **changed record** is one record that must be created, changed, deleted or deactivated on the replica side. It
 *   is counted from the plan's ready ops, independently of how apply writes them: a create or a delete is one record
 *   (Docebo takes a new session's events in the same call), an update or an adoption is one record for its own
 *   fields plus one per event added, changed or removed, and an adoption that changes nothing is none. So a TO trainer
 *   costs a write only where the Docebo user it is stamped with has another name or e-mail: with no instructor mark
 *   kept, no user's flag adds or removes one (iltsync's trainer list decides, see `trainerUsers`).
 * - The **lower bound** of a first sync is the full read plus one write per changed record.
 * - The **drift-audit budget** of a no-change reconcile is the small listings in full (Docebo courses, locations,
 *   classrooms, users, webinar accounts; every TO resource, since the periodic reconcile reads TO in full), plus
 *   `auditCourses` courses' sessions and events, at the cost of the most expensive courses; no token call, no domain
 *   check (both once per set of credentials) and no write.
 * - A **naive full push** rewrites every synced record every run: the full read plus one write per record of each
 *   synced entity on its replica side (TO courses, trainers and virtual rooms; Docebo sessions, their events,
 *   locations and classrooms).
 */
import type { Op } from "../../engine/Plan.ts"
import type { DoceboState, OptionalEndpoints } from "../../simulators/docebo/index.ts"
import type { ToState } from "../../simulators/training-orchestra/index.ts"

/** What a bound is counted from: both simulators' records before the run, and the Docebo endpoints the tenant has. */
export interface TenantState {
  readonly docebo: DoceboState
  readonly to: ToState
  readonly endpoints: OptionalEndpoints
}

export interface CallFigure {
  readonly doceboReads: number
  readonly doceboWrites: number
  readonly toReads: number
  readonly toWrites: number
}

export const totalOf = (figure: CallFigure) =>
  figure.doceboReads + figure.doceboWrites + figure.toReads + figure.toWrites

const doceboPageSize = 200
const toPageSize = 500
const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size))

const syncedTypes = new Set(["classroom", "webinar"])

/**
 * The Docebo users iltsync's trainers are. With no instructor mark kept (adapters/docebo/InstructorMark.ts, the
 * default) no user flag says who is one: iltsync's own trainer list is the truth, which for a tenant the bench seeds
 * (no operator assignment) is the users TO trainers are stamped with (engine/diff/Trainers.ts). Those users are read
 * (engine/Reads.ts), and those of them Docebo has are the trainers a sync keeps.
 */
const trainerUsers = (to: ToState): ReadonlySet<string> =>
  new Set(to.trainers.flatMap((trainer) => (trainer.external_ref === null ? [] : [trainer.external_ref])))

/**
 * The service checks that Docebo's URL is a main domain once per set of credentials, before anything is read
 * (harness/service/Systems.ts): one call, whose 404 on a tenant without the endpoint has the configured host judged.
 */
const domainCheck = 1

/** Docebo reads of the listings read in full every run (courses, locations, classrooms, users, webinar accounts). */
export const doceboListingPages = ({ docebo, to, endpoints }: TenantState): number => {
  const byType = (type: string) => docebo.courses.filter((course) => course.course_type === type).length
  const courses = Math.min(
    pages(docebo.courses.length, doceboPageSize),
    pages(byType("classroom"), doceboPageSize) + pages(byType("webinar"), doceboPageSize),
  )
  const users = Math.min(pages(docebo.users.length, doceboPageSize), trainerUsers(to).size)
  // Without the endpoint the accounts come from the operator's import, in iltsync's own store: one 404 a run.
  const webinarAccounts = endpoints.webinarAccounts ? pages(docebo.webinar_accounts.length, doceboPageSize) : 1
  return (
    courses +
    pages(docebo.locations.length, doceboPageSize) +
    pages(docebo.classrooms.length, doceboPageSize) +
    users +
    webinarAccounts
  )
}

/**
 * Whether a session is live at `horizonMs`: it ends at or after it (Docebo's `date_end`, UTC), or has no end. A
 * session over before it is history, whose events no run needs to read.
 */
const liveAt = (horizonMs: number) => (session: { readonly date_end: string | null }) =>
  session.date_end === null || Date.parse(`${session.date_end.replace(" ", "T")}Z`) >= horizonMs

/**
 * Docebo reads of one course's sessions with their events, by course id; with a horizon (ms), the events of the
 * live sessions only.
 */
export const courseReadCosts = (
  docebo: DoceboState,
  horizonMs = Number.NEGATIVE_INFINITY,
): ReadonlyMap<number, number> => {
  const live = liveAt(horizonMs)
  const eventsBySession = new Map<number, number>()
  for (const event of docebo.events)
    eventsBySession.set(event.id_session, (eventsBySession.get(event.id_session) ?? 0) + 1)
  const sessionsByCourse = new Map<number, number[]>()
  const liveByCourse = new Map<number, number[]>()
  for (const session of docebo.sessions) {
    const list = sessionsByCourse.get(session.id_course) ?? []
    list.push(session.id)
    sessionsByCourse.set(session.id_course, list)
    if (!live(session)) continue
    const lives = liveByCourse.get(session.id_course) ?? []
    lives.push(session.id)
    liveByCourse.set(session.id_course, lives)
  }
  const costs = new Map<number, number>()
  for (const course of docebo.courses) {
    if (!syncedTypes.has(course.course_type)) continue
    const sessions = sessionsByCourse.get(course.id_course) ?? []
    const lives = liveByCourse.get(course.id_course) ?? []
    const events = lives.reduce((n, id) => n + pages(eventsBySession.get(id) ?? 0, doceboPageSize), 0)
    costs.set(course.id_course, pages(sessions.length, doceboPageSize) + events)
  }
  return costs
}

const toResources = (to: ToState) => [
  to.courses,
  to.sessions,
  to.training_providers,
  to.sites,
  to.trainers,
  to.locations,
  to.rooms,
]

export const toListingPages = (to: ToState): number =>
  toResources(to).reduce((n, list) => n + pages(list.length, toPageSize), 0)

/**
 * Every page of every listing, plus one token call per system and Docebo's domain check; with a horizon (ms), the
 * events of live sessions only (history is not read).
 */
export const fullRead = (tenant: TenantState, horizonMs?: number): CallFigure => {
  let sessionPages = 0
  for (const cost of courseReadCosts(tenant.docebo, horizonMs).values()) sessionPages += cost
  return {
    doceboReads: 1 + domainCheck + doceboListingPages(tenant) + sessionPages,
    doceboWrites: 0,
    toReads: 1 + toListingPages(tenant.to),
    toWrites: 0,
  }
}

const itemKey = /^(\w+)\[([^\]]+)\]/

/** Records a ready op must change on its replica side (see the module comment). */
export const changedRecords = (op: Op): number => {
  if (op.status !== "ready") return 0
  if (op.action === "create" || op.action === "delete" || op.action === "deactivate") return 1
  const own = op.changes.some((change) => !change.path.includes("[")) ? 1 : 0
  const items = new Set(op.changes.flatMap((change) => itemKey.exec(change.path)?.[0] ?? []))
  return own + items.size
}

/** One write per changed record, by the system written to. */
export const minimalWrites = (ops: ReadonlyArray<Op>): { readonly docebo: number; readonly to: number } => {
  let docebo = 0
  let to = 0
  for (const op of ops) {
    const records = changedRecords(op)
    if (op.system === "docebo") docebo += records
    else to += records
  }
  return { docebo, to }
}

export const lowerBound = (read: CallFigure, ops: ReadonlyArray<Op>): CallFigure => {
  const writes = minimalWrites(ops)
  return { ...read, doceboWrites: writes.docebo, toWrites: writes.to }
}

/** The small listings in full and `auditCourses` of the most expensive courses' sessions; no token call. */
export const auditBudget = (tenant: TenantState, auditCourses: number): CallFigure => {
  const costliest = [...courseReadCosts(tenant.docebo).values()].sort((a, b) => b - a).slice(0, auditCourses)
  return {
    doceboReads: doceboListingPages(tenant) + costliest.reduce((n, cost) => n + cost, 0),
    doceboWrites: 0,
    toReads: toListingPages(tenant.to),
    toWrites: 0,
  }
}

/** The full read plus one write per synced record on its replica side. */
export const naiveFullPush = (tenant: TenantState): CallFigure => {
  const { docebo, to } = tenant
  const read = fullRead(tenant)
  const syncedCourses = docebo.courses.filter((course) => syncedTypes.has(course.course_type)).length
  const validated = to.sessions.filter((session) => session.status === "validated")
  const events = validated.reduce((n, session) => n + session.sequences.length, 0)
  const physicalRooms = to.rooms.filter((room) => room.kind === "physical").length
  const users = trainerUsers(to)
  const trainers = docebo.users.filter((user) => users.has(String(user.user_id))).length
  return {
    ...read,
    doceboWrites: validated.length + events + to.locations.length + physicalRooms,
    toWrites: syncedCourses + trainers + docebo.webinar_accounts.length,
  }
}
