/**
 * The sync horizon (engine/Horizon.ts): sessions over before it are history, and their events are not read. A
 * session TO schedules is judged by TO's slots; one TO does not list (made in Docebo, or its TO session gone) by the
 * end Docebo's session list gives it, `date_end` [assumed]. The doctor reads that key on the sessions it sampled
 * anyway (no call of its own) and says what the horizon will do on this tenant.
 */
import { Effect, Either } from "effect"
import { counted, observeProblem } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { keyOf } from "../../http/VendorRecord.ts"
import { SessionFields } from "../Mapping.ts"
import type { DoceboDoctorContext } from "./Samples.ts"

const key = keyOf(SessionFields, "endsAt")
const setting = "ILTSYNC_SYNC_HORIZON_DAYS"

const endOf = (session: unknown): unknown =>
  typeof session === "object" && session !== null ? (session as Record<string, unknown>)[key] : undefined

const horizonSaid = (days: number | null) =>
  days === null
    ? `${setting}=off: every session is read and synced, however old`
    : `${setting}=${days}: sessions whose last slot ended more than ${days} days before a run are history, never read, written or deleted`

const probeHorizon = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  Effect.map(Effect.either(context.sessions), (read): Observation => {
    const days = context.strategies.horizonDays
    if (Either.isLeft(read)) return observeProblem(read.left)
    const found = read.right.found
    if (found === null) return { status: "unchecked", detail: `${horizonSaid(days)}; no session to sample` }
    const sessions = found.sample.raw
    const dated = sessions.filter((session) => typeof endOf(session) === "string")
    if (dated.length === sessions.length)
      return {
        status: "ok",
        detail: `${horizonSaid(days)}; ${counted(sessions.length, "sessions")} of course ${found.courseId} answer a ${key}`,
      }
    return {
      status: "differs",
      detail: `${horizonSaid(days)}; ${sessions.length - dated.length} of ${counted(sessions.length, "sessions")} of course ${found.courseId} answer no ${key}`,
    }
  })

export const horizonCapability: Capability<DoceboDoctorContext> = {
  id: "docebo.horizon",
  name: "sync horizon (session ends)",
  system: "docebo",
  endpoint: `${setting} (GET /course/v1/courses/{id}/sessions: ${key})`,
  required: false,
  after: "docebo.sessions",
  probe: probeHorizon,
  willDo: {
    ok: `a session is judged over from TO's slots, or from its ${key} where TO does not list it, before its events are read`,
    differs: `sessions TO schedules are still judged by TO's slots; the others' events are read, however old (more calls, nothing lost)`,
  },
}
