/**
 * What a run tells its operators: each course's sync status (the Courses tab) and the event-log entries of the sync
 * actions. Pure: derived from the plan, the outcomes of its ops and the store.
 */
import type { DoceboCourse, DoceboSnapshot } from "./model/Docebo.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import { failsCourse } from "./Notices.ts"
import type { Op, PlanBody } from "./Plan.ts"
import type { OpOutcome } from "./Ports.ts"

export type SyncStatus = "synced" | "pending" | "error" | "never"

export interface CourseStatus {
  readonly courseId: string
  readonly code: string
  readonly name: string
  /** `ilt` or `vilt`, or Docebo's own type when iltsync does not know it (the course is then left alone). */
  readonly type: DoceboCourse["type"]
  readonly status: SyncStatus
  readonly error: string | null
  /** What the plan reports about the course without an op: values iltsync does not know, kept as they are. */
  readonly warnings: ReadonlyArray<string>
  /** When a run last found (or left) the course in step; null when it never was. */
  readonly lastSyncedAt: string | null
}

export interface LogEntry {
  readonly at: string
  readonly user: string
  readonly action: string
  readonly target: string | null
  readonly ip: string | null
  readonly details: Readonly<Record<string, unknown>>
}

/** The plan's warnings by the course they name (`course`), the course failures apart. */
const warningsByCourse = (planned: PlanBody) => {
  const failures = new Map<string, string>()
  const others = new Map<string, string[]>()
  for (const warning of planned.warnings) {
    if (warning.course === undefined) continue
    if (failsCourse(warning)) {
      if (!failures.has(warning.course)) failures.set(warning.course, warning.message)
      continue
    }
    const list = others.get(warning.course) ?? []
    list.push(warning.message)
    others.set(warning.course, list)
  }
  return { failures, others }
}

/**
 * Per course: `error` when its code is missing, a record of it could not be read or one of its ops failed (a failing
 * course never stops the others),
 * `pending` while one of its ops waits (held, blocked, or not applied yet), `synced` once linked and in step,
 * `never` before its first sync.
 */
export const courseStatuses = (
  docebo: DoceboSnapshot,
  store: StoreSnapshot,
  planned: PlanBody,
  outcomes: ReadonlyArray<OpOutcome> | null,
  now: string,
  previous: ReadonlyMap<string, CourseStatus> = new Map(),
): ReadonlyArray<CourseStatus> => {
  const outcomeOf = new Map((outcomes ?? []).map((outcome) => [outcome.opId, outcome]))
  const opsOf = new Map<string, Op[]>()
  for (const op of planned.ops) {
    if (op.course === undefined) continue
    const list = opsOf.get(op.course) ?? []
    list.push(op)
    opsOf.set(op.course, list)
  }
  const warningOf = new Map(
    planned.warnings.filter((w) => w.code.startsWith("course_code")).map((warning) => [warning.key, warning.message]),
  )
  const { failures, others } = warningsByCourse(planned)
  const linked = new Set<string>(store.links.course.map((link) => link.docebo))
  return docebo.courses.map((course) => {
    const base = {
      courseId: course.id,
      code: course.code.trim(),
      name: course.name,
      type: course.type,
      warnings: others.get(course.id) ?? [],
    }
    const last = previous.get(course.id)?.lastSyncedAt ?? null
    const warning = warningOf.get(course.id) ?? failures.get(course.id)
    if (warning !== undefined) return { ...base, status: "error", error: warning, lastSyncedAt: last }
    const ops = opsOf.get(course.id) ?? []
    const failed = ops.map((op) => outcomeOf.get(op.id)).find((outcome) => outcome?.status === "failed")
    if (failed) return { ...base, status: "error", error: failed.reason ?? "an operation failed", lastSyncedAt: last }
    const waiting = ops.find((op) => outcomeOf.get(op.id)?.status !== "done")
    if (waiting)
      return {
        ...base,
        status: "pending",
        error: waiting.status === "ready" ? null : waiting.reason,
        lastSyncedAt: last,
      }
    if (!linked.has(course.id)) return { ...base, status: "never", error: null, lastSyncedAt: null }
    return { ...base, status: "synced", error: null, lastSyncedAt: outcomes === null ? last : now }
  })
}

/** One event-log entry per op that was carried out or failed. */
export const logEntries = (
  planned: PlanBody,
  outcomes: ReadonlyArray<OpOutcome>,
  now: string,
  user: string,
): ReadonlyArray<LogEntry> => {
  const opOf = new Map(planned.ops.map((op) => [op.id, op]))
  return outcomes.flatMap((outcome): LogEntry[] => {
    const op = opOf.get(outcome.opId)
    if (!op || outcome.status === "skipped") return []
    return [
      {
        at: now,
        user,
        action: outcome.status === "done" ? `sync.${op.entity}.${op.action}` : `sync.${op.entity}.${op.action}.failed`,
        target: op.entity === "trainer" ? op.key : null,
        ip: null,
        details: {
          opId: op.id,
          system: op.system,
          key: op.key,
          reason: outcome.reason ?? op.reason,
          ...(outcome.created !== undefined ? { created: outcome.created } : {}),
        },
      },
    ]
  })
}
