/**
 * How a trainer's Docebo user is marked (../InstructorMark.ts), as the tenant's setting says. With `none` nothing is
 * marked and there is nothing to call; with `user-flag` every sampled user must carry `is_instructor` as 0/1.
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
const setting = "ILTSYNC_DOCEBO_INSTRUCTOR_MARK"

const flagOf = (user: unknown): unknown =>
  typeof user === "object" && user !== null ? (user as Record<string, unknown>)[key] : undefined

/** Every sampled user carries the flag, as 0/1 (or "0"/"1", or a boolean). */
const probeUserFlag = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  Effect.map(Effect.either(context.users), (read): Observation => {
    if (Either.isLeft(read)) return observeProblem(read.left)
    const users = read.right.raw
    if (users.length === 0) return { status: "unchecked", detail: "no user to sample" }
    const unreadable = users.filter((user) => Either.isLeft(decodeFlag(flagOf(user))))
    const first = unreadable[0]
    if (first === undefined) {
      const marked = users.filter((user) => Either.getOrElse(decodeFlag(flagOf(user)), () => false)).length
      return {
        status: "ok",
        detail: `${setting}=user-flag: ${users.length} users carry ${key} (${marked} marked)`,
        willDo: `a trainer's Docebo user is marked with ${key} = 1, a removed trainer's set back to 0 (a learner)`,
      }
    }
    return {
      status: "differs",
      detail: `${setting}=user-flag, but ${unreadable.length} of ${users.length} users have no ${key} iltsync can read`,
      differences: [
        { path: key, found: shownValue(asJson(flagOf(first)), context.client.scrub), records: unreadable.length },
      ],
    }
  })

export const probeInstructorMark = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  context.strategies.instructorMark === "user-flag"
    ? probeUserFlag(context)
    : Effect.succeed({
        status: "ok",
        detail: `${setting}=none: no Docebo user is marked (no public answer has an instructor mark)`,
      })

export const instructorMarkCapability: Capability<DoceboDoctorContext> = {
  id: "docebo.instructor-mark",
  name: "instructor mark",
  system: "docebo",
  endpoint: `${setting}: none, or user-flag (GET /manage/v1/user: ${key})`,
  required: true,
  after: "docebo.token",
  probe: probeInstructorMark,
  willDo: {
    ok: "iltsync's trainer list is the truth: a removed trainer's TO trainer is deactivated and TO takes them off its sessions; the Docebo user is left as it is (never deleted)",
    differs: `this tenant's users carry no ${key}: set ${setting}=none, or no trainer's user can be read`,
  },
}
