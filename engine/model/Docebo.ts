import { Schema } from "effect"
import {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
} from "./Ids.ts"
import { CompletionMode, Count, CourseType, Day, orUnlisted, TimeOfDay, TimeZone, WebinarTool } from "./Values.ts"

/**
 * An ILT or VILT course; e-learning courses never reach the engine. `code` may be empty in Docebo. A course type
 * iltsync does not know is kept as it is (the course is reported and left alone).
 */
export const DoceboCourse = Schema.Struct({
  id: DoceboCourseId,
  code: Schema.String,
  name: Schema.String,
  type: orUnlisted(CourseType),
  language: Schema.String,
})
export type DoceboCourse = typeof DoceboCourse.Type

/** One dated event of a session. It carries no stamp: it is found by its date and start time within its session. */
export const DoceboEvent = Schema.Struct({
  id: DoceboEventId,
  name: Schema.String,
  day: Day,
  timeBegin: TimeOfDay,
  timeEnd: TimeOfDay,
  timezone: TimeZone,
  locationId: Schema.NullOr(DoceboLocationId),
  classroomId: Schema.NullOr(DoceboClassroomId),
  tool: Schema.NullOr(orUnlisted(WebinarTool)),
  webinarAccountId: Schema.NullOr(DoceboWebinarAccountId),
  durationMinutes: Schema.NullOr(Count),
  instructors: Schema.Array(DoceboUserId),
  joinUrl: Schema.NullOr(Schema.String),
})
export type DoceboEvent = typeof DoceboEvent.Type

/**
 * An ILT session. Its `code` holds iltsync's stamp (the TO session it mirrors) on a tenant that keeps stamps there
 * (engine/Stamps.ts); elsewhere it is Docebo's own code.
 */
export const DoceboSession = Schema.Struct({
  id: DoceboSessionId,
  courseId: DoceboCourseId,
  name: Schema.String,
  code: Schema.optional(Schema.String),
  maxEnroll: Schema.NullOr(Count),
  minEnroll: Schema.NullOr(Count),
  instructors: Schema.Array(DoceboUserId),
  completionType: Schema.NullOr(orUnlisted(CompletionMode)),
  enrolled: Count,
  events: Schema.Array(DoceboEvent),
  /** When the session list says it ends (UTC, ISO time), where it says so: decides history before events are read. */
  endsAt: Schema.optional(Schema.NullOr(Schema.String)),
  /** Its events were not read: it ended before the sync horizon (engine/Horizon.ts). */
  eventsUnread: Schema.optional(Schema.Literal(true)),
})
export type DoceboSession = typeof DoceboSession.Type
/** A session as a course's session list shows it, without its events (read one call per session). */
export type DoceboSessionSummary = Omit<DoceboSession, "events">

/** A classroom location; found by its name and address (no stamp). */
export const DoceboLocation = Schema.Struct({
  id: DoceboLocationId,
  name: Schema.String,
  address: Schema.String,
  countryCode: Schema.NullOr(Schema.String),
})
export type DoceboLocation = typeof DoceboLocation.Type

/** A classroom; found by its location and name (no stamp). */
export const DoceboClassroom = Schema.Struct({
  id: DoceboClassroomId,
  locationId: DoceboLocationId,
  name: Schema.String,
  seats: Schema.NullOr(Count),
})
export type DoceboClassroom = typeof DoceboClassroom.Type

/**
 * A platform user. Docebo has no instructor level [doc] and no public answer has an instructor flag [seen]: null when
 * the tenant does not say, and iltsync's own trainer list decides.
 */
export const DoceboUser = Schema.Struct({
  id: DoceboUserId,
  username: Schema.String,
  firstName: Schema.String,
  lastName: Schema.String,
  email: Schema.String,
  isInstructor: Schema.NullOr(Schema.Boolean),
})
export type DoceboUser = typeof DoceboUser.Type

export const DoceboWebinarAccount = Schema.Struct({
  id: DoceboWebinarAccountId,
  tool: orUnlisted(WebinarTool),
  name: Schema.String,
  email: Schema.String,
})
export type DoceboWebinarAccount = typeof DoceboWebinarAccount.Type

/** Whether each listing was read to the end; a failed page makes it partial, and a partial listing deletes nothing. */
export const DoceboCompleteness = Schema.Struct({
  courses: Schema.Boolean,
  sessions: Schema.Boolean,
  locations: Schema.Boolean,
  classrooms: Schema.Boolean,
  users: Schema.Boolean,
  webinarAccounts: Schema.Boolean,
})
export type DoceboCompleteness = typeof DoceboCompleteness.Type

export const DoceboSnapshot = Schema.Struct({
  courses: Schema.Array(DoceboCourse),
  sessions: Schema.Array(DoceboSession),
  locations: Schema.Array(DoceboLocation),
  classrooms: Schema.Array(DoceboClassroom),
  users: Schema.Array(DoceboUser),
  webinarAccounts: Schema.Array(DoceboWebinarAccount),
  complete: DoceboCompleteness,
  /**
   * When the sessions are partial (`complete.sessions` false): the courses whose sessions are not known whole. The
   * others' were read whole, so their sessions can be created and deleted (a first sync under Docebo's hourly limit
   * reads for hours). Absent: no course's sessions are known whole.
   */
  sessionsUnreadIn: Schema.optional(Schema.Array(DoceboCourseId)),
})
export type DoceboSnapshot = typeof DoceboSnapshot.Type
