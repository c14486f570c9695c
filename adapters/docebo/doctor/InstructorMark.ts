/**
 * How a Docebo user is marked as an instructor, as iltsync does it today: the user flag `is_instructor` (0/1), read
 * with the users and written on a trainer's user (Mapping.ts). DOCEBO-API.md finds no such flag on real tenants
 * [seen]: this entry, its probe and its texts, is the one to replace when the mark becomes a setting (issue 16, item 4).
 */
import { Effect, Either, Schema } from "effect"
import { observeProblem } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { asJson, shownValue } from "../../http/Items.ts"
import { UserKeys } from "../Mapping.ts"
import { Flag } from "../WireValues.ts"
import type { DoceboDoctorContext } from "./Samples.ts"

const decodeFlag = Schema.decodeUnknownEither(Flag)
const key = UserKeys.isInstructor

const flagOf = (user: unknown): unknown =>
  typeof user === "object" && user !== null ? (user as Record<string, unknown>)[key] : undefined

/** Every sampled user carries the flag, as 0/1 (or "0"/"1", or a boolean). */
export const probeInstructorMark = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  Effect.map(Effect.either(context.users), (read): Observation => {
    if (Either.isLeft(read)) return observeProblem(read.left)
    const users = read.right.raw
    if (users.length === 0) return { status: "unchecked", detail: "no user to sample" }
    const unreadable = users.filter((user) => Either.isLeft(decodeFlag(flagOf(user))))
    const first = unreadable[0]
    if (first === undefined) {
      const marked = users.filter((user) => Either.getOrElse(decodeFlag(flagOf(user)), () => false)).length
      return { status: "ok", detail: `${users.length} users carry ${key} (${marked} marked)` }
    }
    return {
      status: "differs",
      detail: `${unreadable.length} of ${users.length} users have no ${key} iltsync can read`,
      differences: [
        { path: key, found: shownValue(asJson(flagOf(first)), context.client.scrub), records: unreadable.length },
      ],
    }
  })

export const instructorMarkCapability: Capability<DoceboDoctorContext> = {
  id: "docebo.instructor-mark",
  name: "instructor mark",
  system: "docebo",
  endpoint: `GET /manage/v1/user: ${key}`,
  required: true,
  after: "docebo.token",
  probe: probeInstructorMark,
  willDo: {
    ok: `a trainer's Docebo user is marked with ${key} = 1, a removed trainer's set back to 0`,
    differs: `iltsync marks instructors with ${key} only, for now: a user without it cannot be read, so no trainer syncs`,
  },
}
