/**
 * Which Docebo session webhooks are moot: the echoes of iltsync's own writes, and deletions of sessions iltsync no
 * longer holds. Every write iltsync makes to a session raises an `ilt.session.*` webhook in Docebo; run for, each
 * would re-read the session's course (a call per session in it) only to find what iltsync itself wrote. Pure: the
 * inbox's worker hands in the journal's recent steps and the mirror.
 */
import type { WrittenStep } from "../../adapters/store/Journal.ts"
import type { KnownState } from "../../engine/Known.ts"
import type { DoceboSession } from "../../engine/model/Docebo.ts"
import type { Links } from "../../engine/model/Store.ts"
import type { DoceboWrite } from "../../engine/Writes.ts"

/**
 * How far Docebo's clock may run ahead of iltsync's. A webhook fired within this of a write's span is taken for that
 * write's: an admin's change landing there with the same name and code would wait for the periodic reconcile.
 */
export const clockSkewMs = 2_000

/** `fired_at` has whole seconds: the true instant is up to a second after it. */
const firedResolutionMs = 1_000

/** When iltsync was writing one session: from sending the first write of an op to its settling. */
interface Span {
  readonly from: number
  readonly to: number
}

export interface EchoEvidence {
  /** The mirror's sessions: each as iltsync last wrote or read it. */
  readonly sessions: ReadonlyMap<string, DoceboSession>
  /** Docebo sessions linked to a TO session. */
  readonly linked: ReadonlySet<string>
  /** Docebo session id → when iltsync was writing it lately. */
  readonly writing: ReadonlyMap<string, ReadonlyArray<Span>>
}

export type SessionEvent = "ilt.session.created" | "ilt.session.updated" | "ilt.session.deleted"

/** The fields of an `ilt.session.*` payload [seen] that the check reads. */
export interface SessionPayload {
  readonly course_id: string | number
  readonly session_id: string | number
  readonly session_code?: string | null | undefined
  readonly session_name?: string | null | undefined
  readonly fired_at?: string | null | undefined
}

/** The session a Docebo write touched (a created session is known once its step settled), or null. */
const sessionOfWrite = (write: DoceboWrite, createdId: string | null): string | null => {
  switch (write.kind) {
    case "createSession":
      return createdId
    case "updateSession":
    case "deleteSession":
    case "createEvent":
    case "updateEvent":
    case "deleteEvent":
      return write.sessionId
    default:
      return null
  }
}

const millis = (iso: string) => Date.parse(iso)

/** What iltsync holds and lately wrote of Docebo's sessions, from the mirror, the links and the journal. */
export const echoEvidence = (known: KnownState, links: Links, steps: ReadonlyArray<WrittenStep>): EchoEvidence => {
  const writing = new Map<string, Span[]>()
  for (const step of steps) {
    const from = new Map<string, number>()
    for (const { write, sentAt } of step.writes) {
      if (write.system !== "docebo") continue
      const session = sessionOfWrite(write.write, step.createdId)
      if (session === null) continue
      const sent = millis(sentAt ?? step.updatedAt)
      from.set(session, Math.min(from.get(session) ?? sent, sent))
    }
    for (const [session, sent] of from) {
      const spans = writing.get(session) ?? []
      spans.push({ from: sent, to: millis(step.updatedAt) })
      writing.set(session, spans)
    }
  }
  return {
    sessions: new Map(known.docebo.sessions.map((session) => [session.id as string, session])),
    linked: new Set(links.session.map((link) => link.docebo)),
    writing,
  }
}

/**
 * Docebo's `fired_at`, `YYYY-MM-DD HH:MM:SS`, read as UTC [assumed]. Should a tenant send its local time, a webhook
 * falls outside every write's span and is run for: an echo then costs its run, never a change missed.
 */
export const firedAtMillis = (firedAt: string | null | undefined): number | null => {
  if (typeof firedAt !== "string") return null
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(firedAt.trim())
  if (match === null) return null
  const at = Date.parse(`${match[1]}T${match[2]}${match[3] ?? ""}${match[4] ?? "Z"}`)
  return Number.isNaN(at) ? null : at
}

const codeOf = (code: string | null | undefined) => (code ?? "").trim()

/**
 * Why a session webhook needs no run, or null when it does. An echo: it fired while iltsync was writing that session,
 * and names it as iltsync left it (course, name, code). A deletion of a session iltsync no longer holds (it deleted
 * it, or never had it): nothing to put back. Anything else, an admin's change among them, is run for.
 */
export const mootSessionEvent = (
  event: SessionEvent,
  payload: SessionPayload,
  evidence: EchoEvidence,
): string | null => {
  const id = String(payload.session_id)
  const held = evidence.sessions.get(id)
  if (event === "ilt.session.deleted")
    return held === undefined && !evidence.linked.has(id)
      ? `session ${id} is not one iltsync holds: nothing to put back`
      : null
  const fired = firedAtMillis(payload.fired_at)
  if (held === undefined || fired === null || typeof payload.session_name !== "string") return null
  const asLeft =
    held.courseId === String(payload.course_id) &&
    held.name === payload.session_name &&
    codeOf(held.code) === codeOf(payload.session_code)
  const whileWriting = (evidence.writing.get(id) ?? []).some(
    (span) => fired >= span.from - firedResolutionMs - clockSkewMs && fired <= span.to + clockSkewMs,
  )
  return asLeft && whileWriting ? `an echo of iltsync's own write to session ${id}` : null
}
