/**
 * Where iltsync keeps, on a Docebo session it makes, the id of the TO session it mirrors (engine/Stamps.ts), as the
 * tenant's setting says. With `code` (the default) every sampled session must answer a `code`, empty or not, since the
 * stamp is written there; with `none` nothing is stamped and there is nothing to call. Events, locations and classrooms
 * are never stamped (no public source shows Docebo keeping an id for another system on them): they are found by their
 * natural keys.
 */
import { Effect, Either } from "effect"
import { stampOfCode } from "../../../engine/Stamps.ts"
import { counted, observeProblem } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { asJson, shownValue } from "../../http/Items.ts"
import { keyOf } from "../../http/VendorRecord.ts"
import { SessionFields } from "../Mapping.ts"
import type { DoceboDoctorContext } from "./Samples.ts"

const key = keyOf(SessionFields, "code")
const setting = "ILTSYNC_DOCEBO_SESSION_STAMP"

const codeOf = (session: unknown): unknown =>
  typeof session === "object" && session !== null ? (session as Record<string, unknown>)[key] : undefined

/** A code kept: the key comes back, null, empty or a text. */
const keeps = (session: unknown) => {
  const code = codeOf(session)
  return code === null || typeof code === "string"
}

const probeCodes = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  Effect.map(Effect.either(context.sessions), (read): Observation => {
    if (Either.isLeft(read)) return observeProblem(read.left)
    const found = read.right.found
    if (found === null)
      return { status: "unchecked", detail: "no session to sample: none of the courses tried has one" }
    const sessions = found.sample.raw
    const lost = sessions.filter((session) => !keeps(session))
    const first = lost[0]
    if (first === undefined) {
      const stamped = sessions.filter((session) => stampOfCode(codeOf(session) as string | null) !== null)
      return {
        status: "ok",
        detail: `${setting}=code: ${counted(sessions.length, "sessions")} of course ${found.courseId} answer a ${key} (${stamped.length} stamped by iltsync)`,
      }
    }
    return {
      status: "differs",
      detail: `${setting}=code, but ${lost.length} of ${sessions.length} sessions of course ${found.courseId} have no ${key}`,
      differences: [
        { path: key, found: shownValue(asJson(codeOf(first)), context.client.scrub), records: lost.length },
      ],
    }
  })

export const probeStamps = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  context.strategies.stamps === "code"
    ? probeCodes(context)
    : Effect.succeed({
        status: "ok",
        detail: `${setting}=none: no stamp is kept`,
        willDo:
          "sessions are found again by course, name and first date (else course and name), events by date and start time, locations by name and address, classrooms by location and name; a key two records share is held as ambiguous",
      })

export const stampsCapability: Capability<DoceboDoctorContext> = {
  id: "docebo.stamps",
  name: "stamps (TO ids on Docebo records)",
  system: "docebo",
  endpoint: `${setting}: code (GET /course/v1/courses/{id}/sessions: ${key}), or none`,
  required: true,
  after: "docebo.sessions",
  probe: probeStamps,
  willDo: {
    ok: `each session iltsync creates carries iltsync:<TO session id> in its ${key}, so a create whose answer was lost is found, not made twice; events, locations and classrooms are found by their natural keys`,
    differs: `this tenant's sessions answer no ${key}: set ${setting}=none, and sessions are found by course, name and first date`,
  },
}
