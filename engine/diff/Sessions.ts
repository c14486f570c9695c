import { Fingerprinter } from "../Fingerprint.ts"
import type { DoceboEvent, DoceboSession } from "../model/Docebo.ts"
import type { Link } from "../model/Store.ts"
import type { ToSession } from "../model/Training.ts"
import { type Op, opId, type Warning } from "../Plan.ts"
import { type Decision, type EntityRule, keep, type PlanInput, sync } from "../RuleTypes.ts"
import { fingerprintMaster } from "./Canonical.ts"
import { type FlowContext, flowInputOf } from "./Feed.ts"
import { type FlowResult, reconcileFlow } from "./Flow.ts"

const enrollmentHold = (session: DoceboSession) =>
  session.enrolled > 0
    ? `${session.enrolled} enrollment${session.enrolled === 1 ? "" : "s"} in Docebo would be dropped; approve to proceed`
    : null

const statusReason: Readonly<Record<ToSession["status"], string>> = {
  validated: "",
  in_qualification: "went back to qualification (draft) in Training Orchestra",
  cancelled: "was cancelled in Training Orchestra",
}

/** Events whose TO slot is gone are deleted one by one, under the same enrollment guard as sessions. */
const eventDeletions = (session: DoceboSession, events: ReadonlyArray<unknown>, course: string | undefined) =>
  (events as ReadonlyArray<DoceboEvent>).map((event): Op => {
    const key = `docebo-event:${event.id}`
    const hold = enrollmentHold(session)
    const what = `event ${event.day} ${event.timeBegin} of session "${session.name}" has no slot in Training Orchestra`
    return {
      id: opId("docebo", "event", "delete", `${key}@${event.id}`),
      entity: "event",
      action: "delete",
      system: "docebo",
      key,
      changes: [],
      reason: hold ? `${what}; held: ${hold}` : what,
      status: hold ? "held" : "ready",
      dependsOn: [],
      target: { id: event.id, parentId: session.id },
      ...(course !== undefined ? { course } : {}),
    }
  })

/**
 * Sessions flow from TO to Docebo: validated sessions of linked courses are created and kept in step; a session that
 * is cancelled or back in qualification loses its Docebo copy (held while it has enrollments); a session of a
 * deactivated training provider keeps its copy unchanged until TO sends it a new schedule.
 */
export const planSessions = (
  sessionRule: EntityRule<ToSession, DoceboSession>,
  input: PlanInput,
  context: FlowContext,
): { flow: FlowResult; warnings: ReadonlyArray<Warning> } => {
  const { docebo, to } = input
  const { resolve } = context
  const doceboCourses = new Set<string>(docebo.courses.map((course) => course.id))
  const providers = new Map(to.trainingProviders.map((provider) => [provider.id, provider]))
  const trainers = new Map(to.trainers.map((trainer) => [trainer.id, trainer]))
  const fp = new Fingerprinter()

  // Usually every provider is active: then no session needs its trainer looked up.
  const someInactive = to.trainingProviders.some((provider) => !provider.active)
  const providerInactive = (session: ToSession) => {
    if (!someInactive) return false
    const trainer = session.trainerId === null ? undefined : trainers.get(session.trainerId)
    const provider = trainer?.trainingProviderId == null ? undefined : providers.get(trainer.trainingProviderId)
    return provider !== undefined && !provider.active
  }
  const unchangedSinceSync = (session: ToSession, link: Link) =>
    link.fingerprint ===
    fingerprintMaster(sessionRule, session, resolve, sessionRule.masterType?.(session, resolve), fp)

  const decide = (session: ToSession, link: Link | undefined): Decision => {
    const course = resolve.courseOfToCourse(session.courseId)
    // Only sessions of linked courses reach Docebo; a course gone from Docebo took its sessions with it.
    if (course.startsWith("?") || !doceboCourses.has(course)) return keep
    if (session.status !== "validated") return { kind: "remove", reason: statusReason[session.status] }
    if (link !== undefined && providerInactive(session) && unchangedSinceSync(session, link)) return keep
    return sync
  }

  // Sessions made directly in Docebo are never pushed to TO and never touched, but each plan reports them: the copies
  // no link, stamp or natural key pairs with a TO session. They are among the flow's unlinked copies, so finding them
  // costs no pass of its own over every Docebo session.
  const warnings: Array<Warning> = []
  const reportNative = (session: DoceboSession) => {
    if (sessionRule.stamp(session) !== null) return
    warnings.push({
      code: "docebo_native_session",
      key: session.id,
      message: `session "${session.name}" (${session.id}) was created in Docebo directly (no link, stamp or Training Orchestra session of its course and name); it is not synced to Training Orchestra and is left alone`,
      // Its course's row says so too (the Courses tab), from the run its ilt.session.created webhook starts on.
      course: session.courseId,
    })
  }
  // While some courses' sessions are still to be read, a course read whole gets the copies it lacks: none of them can
  // be on a page that failed. Its copies are still not deleted: a partial listing deletes nothing (SYNC-RULES.md).
  const unreadIn = docebo.complete.sessions ? null : docebo.sessionsUnreadIn
  const unread = unreadIn === undefined || unreadIn === null ? null : new Set<string>(unreadIn)
  const wholeFor =
    unread === null
      ? {}
      : {
          replicaWholeFor: {
            master: (session: ToSession) => {
              const course = resolve.courseOfToCourse(session.courseId)
              return !course.startsWith("?") && doceboCourses.has(course) && !unread.has(course)
            },
          },
        }
  // A copy whose course a partial course listing did not show is as last known: its course may be on the page that
  // failed, with the TO session that would have claimed it, so it is neither paired nor removed on this plan.
  const base = flowInputOf(sessionRule, input, context)
  const replicas = docebo.complete.courses
    ? base.replicas
    : base.replicas.filter((copy) => doceboCourses.has(copy.courseId))
  const flow = reconcileFlow({
    ...base,
    replicas,
    ...wholeFor,
    decide,
    holdRemoval: enrollmentHold,
    eachUnpaired: reportNative,
    removedItems: (session, events, course) => eventDeletions(session, events, course),
  })

  return { flow, warnings }
}
