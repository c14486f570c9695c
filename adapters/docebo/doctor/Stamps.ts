/**
 * Where a Training Orchestra id is kept on Docebo records, as iltsync does it today: the `external_id` of sessions,
 * events, locations and classrooms (Mapping.ts, from the rules). No public source shows Docebo keeps it
 * (DOCEBO-API.md): this entry, its probe and its texts, is the one to replace when stamps move (issue 16, item 4).
 * Checked against a sampled session: the field must come back, empty or with an id.
 */
import { Effect, Either } from "effect"
import { counted, observeProblem } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { asJson, shownValue } from "../../http/Items.ts"
import { keyOf } from "../../http/VendorRecord.ts"
import { SessionFields } from "../Mapping.ts"
import type { DoceboDoctorContext } from "./Samples.ts"

const key = keyOf(SessionFields, "externalId")

const stampOf = (session: unknown): unknown =>
  typeof session === "object" && session !== null ? (session as Record<string, unknown>)[key] : undefined

/** A stamp kept: the key comes back, null, empty or an id (a string). */
const keeps = (session: unknown) => {
  const stamp = stampOf(session)
  return stamp === null || typeof stamp === "string"
}

export const probeStamps = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  Effect.map(Effect.either(context.sessions), (read): Observation => {
    if (Either.isLeft(read)) return observeProblem(read.left)
    const found = read.right.found
    if (found === null)
      return { status: "unchecked", detail: "no session to sample: none of the courses tried has one" }
    const sessions = found.sample.raw
    const lost = sessions.filter((session) => !keeps(session))
    const first = lost[0]
    if (first === undefined) {
      const stamped = sessions.filter((session) => typeof stampOf(session) === "string" && stampOf(session) !== "")
      return {
        status: "ok",
        detail: `${counted(sessions.length, "sessions")} of course ${found.courseId}: ${key} kept (${stamped.length} stamped)`,
      }
    }
    return {
      status: "differs",
      detail: `${lost.length} of ${sessions.length} sessions of course ${found.courseId} have no ${key}`,
      differences: [
        { path: key, found: shownValue(asJson(stampOf(first)), context.client.scrub), records: lost.length },
      ],
    }
  })

export const stampsCapability: Capability<DoceboDoctorContext> = {
  id: "docebo.stamps",
  name: "stamps (TO ids on Docebo records)",
  system: "docebo",
  endpoint: `GET /course/v1/courses/{id}/sessions: ${key}`,
  required: true,
  after: "docebo.sessions",
  probe: probeStamps,
  willDo: {
    ok: `each record iltsync creates carries its TO id in ${key}, so a create whose answer was lost is found, not made twice`,
    differs: `iltsync stamps ${key} only, for now: a session without it cannot be read, so its course is not synced`,
  },
}
