/**
 * How a Docebo user is marked as an instructor: the one place that knows, chosen per tenant by a setting
 * (`ILTSYNC_DOCEBO_INSTRUCTOR_MARK`) and checked by `iltsync doctor`.
 *
 * Docebo has no instructor user level [doc] and no public answer carries a user instructor flag [seen: the SDK's
 * `ManageUserIndexItems`, `firehose-tap-docebo`]. The only public trace of an instructor role is a course enrollment's
 * level, student, instructor or tutor [seen: `wunderio/docebo-php` src/Docebo/API/Enrollment/Enrollment.php; a DoceboLabs
 * plugin's add-to-course page], which is per course and cannot say who is one of the integration's trainers. So:
 * - `none` (the default): iltsync's own trainer list is the truth and no Docebo user is marked. A user's mark reads as
 *   unknown (null), which the engine takes as nothing to write; a removed trainer's TO trainer is deactivated and TO
 *   takes them off its sessions, whose Docebo copies follow.
 * - `user-flag`: for a tenant whose users carry `is_instructor` (0/1) [assumed]: read with the users, set to 1 when a
 *   trainer is added and to 0 when one is removed (the user becomes a learner, never deleted).
 */
import { Effect } from "effect"
import type { DoceboUser } from "../../engine/model/Docebo.ts"
import type { DoceboPort } from "../../engine/Ports.ts"
import type { DoceboWrite } from "../../engine/Writes.ts"

export type InstructorMark = "none" | "user-flag"

export const instructorMarks: ReadonlyArray<InstructorMark> = ["none", "user-flag"]

export const defaultInstructorMark: InstructorMark = "none"

type Port = DoceboPort["Type"]

/** A user as the tenant's mark lets iltsync see it: with no mark kept, whether it is an instructor is unknown. */
const seenUser =
  (mark: InstructorMark) =>
  (user: DoceboUser): DoceboUser =>
    mark === "none" ? { ...user, isInstructor: null } : user

/** A write as the tenant keeps the mark: with none kept, a user's update never carries one. */
const keptWrite = (mark: InstructorMark, write: DoceboWrite): DoceboWrite => {
  if (mark !== "none" || write.kind !== "updateUser" || write.fields.isInstructor === undefined) return write
  const { isInstructor: _, ...fields } = write.fields
  return { ...write, fields }
}

/** The Docebo port with users read, and written, as the tenant's instructor mark says. */
export const withInstructorMark =
  (mark: InstructorMark) =>
  (port: Port): Port => {
    if (mark === "user-flag") return port
    const seen = seenUser(mark)
    return {
      ...port,
      users: (ids) => Effect.map(port.users(ids), (listing) => ({ ...listing, items: listing.items.map(seen) })),
      write: (write, options) => port.write(keptWrite(mark, write), options),
    }
  }
