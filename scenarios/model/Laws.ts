/**
 * The laws of SYNC-RULES.md checked after every run of a model history, whatever the run was (a full reconcile, a
 * webhook's scoped run, an operator's change, a run cut off by a crash): ownership, no data loss, no deletion from
 * partial data, no duplicates. Each failure names the law it breaks.
 */

import type { Op } from "../../engine/Plan.ts"
import type { ReconcileReport } from "../../engine/Reconcile.ts"
import { writableFields } from "../../engine/Rules.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import type { DoceboState } from "../../simulators/docebo/index.ts"
import type { ToState } from "../../simulators/training-orchestra/index.ts"
import { duplicatesOf, stampsOf } from "../e2e/Stamps.ts"

export class LawBroken extends Error {
  constructor(law: string, detail: string) {
    super(`${law}: ${detail}`)
    this.name = "LawBroken"
  }
}

/** The field a change path writes: `events[slot_1].day` writes `events`. */
const fieldOf = (path: string) => path.split(/[.[]/)[0] ?? path

/** Law 2: no write to a field the rules do not let that side be written. */
export const checkOwnership = (report: ReconcileReport) => {
  for (const op of report.planned.ops) {
    const allowed = writableFields[op.entity][op.system]
    const wrong = op.changes.map((change) => fieldOf(change.path)).filter((field) => !allowed.includes(field))
    if (wrong.length > 0) throw new LawBroken("ownership", `${op.id} writes ${[...new Set(wrong)].join(", ")}`)
  }
}

const isDeletion = (op: Op) => op.status === "ready" && (op.action === "delete" || op.action === "deactivate")

/** Law 6: an entity whose listing was partial on either side gets no deletion in that run. */
export const checkNoDeletionFromPartialData = (report: ReconcileReport) => {
  const { docebo, to } = report.known
  const partial: Partial<Record<Op["entity"], boolean>> = {
    course: !docebo.complete.courses || !to.complete.courses,
    session: !docebo.complete.sessions || !to.complete.sessions,
    event: !docebo.complete.sessions || !to.complete.sessions,
    webinarAccount: !docebo.complete.webinarAccounts || !to.complete.rooms,
  }
  const wrong = report.planned.ops.filter((op) => isDeletion(op) && partial[op.entity] === true)
  if (wrong.length > 0)
    throw new LawBroken("no deletion from partial data", wrong.map((op) => `${op.id} (${op.reason})`).join("; "))
}

export interface Sides {
  readonly docebo: DoceboState
  readonly to: ToState
}

/**
 * Guards and law 6, read on the systems themselves: a Docebo session holding enrollments is never deleted unless
 * the operator approved; users, training providers and TO courses are never deleted at all.
 */
export const checkNoDataLoss = (before: Sides, after: Sides, approved: boolean) => {
  const sessionsAfter = new Set(after.docebo.sessions.map((session) => session.id))
  const liveCourses = new Set(after.docebo.courses.map((course) => course.id_course))
  const dropped = before.docebo.sessions.filter(
    (session) =>
      session.enrolled > 0 && !sessionsAfter.has(session.id) && liveCourses.has(session.id_course) && !approved,
  )
  if (dropped.length > 0)
    throw new LawBroken(
      "guard: enrollments held until approved",
      `deleted ${dropped.map((s) => `${s.id} (${stampOfCode(s.code)}, ${s.enrolled} enrolled)`).join(", ")}`,
    )
  const gone = <T>(what: string, list: (sides: Sides) => ReadonlyArray<T>, id: (record: T) => string | number) => {
    const kept = new Set(list(after).map(id))
    const lost = list(before)
      .map(id)
      .filter((key) => !kept.has(key))
    if (lost.length > 0) throw new LawBroken(`${what} are never deleted`, `deleted ${lost.join(", ")}`)
  }
  gone(
    "Docebo users",
    (sides) => sides.docebo.users,
    (user) => user.user_id,
  )
  gone(
    "training providers",
    (sides) => sides.to.training_providers,
    (provider) => provider.id,
  )
  gone(
    "TO courses",
    (sides) => sides.to.courses,
    (course) => course.id,
  )
  gone(
    "TO trainers",
    (sides) => sides.to.trainers,
    (trainer) => trainer.id,
  )
}

/**
 * Law 3: no record iltsync made exists twice (two records stamped with one id, or more records of a natural key than
 * TO has masters of it and Docebo had before the run).
 */
export const checkNoDuplicates = (sides: Sides, before?: Sides) => {
  const duplicates = duplicatesOf(stampsOf(sides.docebo, sides.to, before?.docebo))
  if (duplicates.length > 0) throw new LawBroken("no duplicates", duplicates.join(", "))
}

/** Law 1: right after a clean run, a fresh plan has nothing ready. */
export const checkFixpoint = (report: ReconcileReport) => {
  const ready = report.planned.ops.filter((op) => op.status === "ready")
  if (ready.length > 0)
    throw new LawBroken(
      "fixpoint",
      ready
        .map((op) => `${op.id} (${op.reason})`)
        .join("; ")
        .slice(0, 1500),
    )
}
