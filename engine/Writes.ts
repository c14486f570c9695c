/**
 * The domain-level writes the adapters carry out: one per API call. Apply derives them from ops (canonical values with
 * ids translated to the replica's), and each adapter maps them to its vendor's payloads in its mapping module.
 */
import type { DoceboClassroom, DoceboEvent, DoceboLocation, DoceboSession, DoceboUser } from "./model/Docebo.ts"
import type {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  ToCourseId,
  ToProviderId,
  ToRoomId,
  ToSessionId,
  ToTrainerId,
} from "./model/Ids.ts"
import type { ToCourse, ToRoom, ToTrainer } from "./model/Training.ts"

// What a write may set of a record: its fields (as the replica schemas have them) but those the system keeps itself
// (ids, counts, a session's course and events, a virtual room's kind). A field added to a schema and to its rule is
// written with no other change here. A session iltsync makes carries its stamp in its code, where the tenant keeps
// stamps (engine/Stamps.ts); events, locations and classrooms carry none.
export type DoceboSessionFields = Omit<DoceboSession, "id" | "courseId" | "enrolled" | "events">
export type DoceboEventFields = Omit<DoceboEvent, "id" | "name" | "joinUrl">
export type DoceboLocationFields = Omit<DoceboLocation, "id">
export type DoceboClassroomFields = Omit<DoceboClassroom, "id">
/** The operator's trainer edits, written to the Docebo user first (Docebo is master). */
export type DoceboUserFields = Pick<DoceboUser, "firstName" | "lastName" | "email" | "isInstructor">
export type ToCourseFields = Omit<ToCourse, "id">
export type ToTrainerFields = Omit<ToTrainer, "id">
export type ToVirtualRoomFields = Omit<ToRoom, "id" | "locationId" | "seats" | "kind">

/** Writes to Docebo. Creating a session creates its events in the same call. */
export type DoceboWrite =
  | {
      readonly kind: "createSession"
      readonly courseId: DoceboCourseId
      readonly session: DoceboSessionFields
      readonly events: ReadonlyArray<DoceboEventFields>
    }
  | {
      readonly kind: "updateSession"
      readonly sessionId: DoceboSessionId
      readonly fields: Partial<DoceboSessionFields>
    }
  | { readonly kind: "deleteSession"; readonly sessionId: DoceboSessionId; readonly force: boolean }
  | { readonly kind: "createEvent"; readonly sessionId: DoceboSessionId; readonly event: DoceboEventFields }
  | {
      readonly kind: "updateEvent"
      readonly sessionId: DoceboSessionId
      readonly eventId: DoceboEventId
      readonly fields: Partial<DoceboEventFields>
    }
  | { readonly kind: "deleteEvent"; readonly sessionId: DoceboSessionId; readonly eventId: DoceboEventId }
  | { readonly kind: "createLocation"; readonly location: DoceboLocationFields }
  | {
      readonly kind: "updateLocation"
      readonly locationId: DoceboLocationId
      readonly fields: Partial<DoceboLocationFields>
    }
  | { readonly kind: "createClassroom"; readonly classroom: DoceboClassroomFields }
  | {
      readonly kind: "updateClassroom"
      readonly classroomId: DoceboClassroomId
      readonly fields: Partial<DoceboClassroomFields>
    }
  | { readonly kind: "updateUser"; readonly userId: DoceboUserId; readonly fields: Partial<DoceboUserFields> }

/** Writes to Training Orchestra. Creating a provider creates its site too (1:1). */
export type ToWrite =
  | { readonly kind: "createCourse"; readonly course: ToCourseFields }
  | { readonly kind: "updateCourse"; readonly courseId: ToCourseId; readonly fields: Partial<ToCourseFields> }
  | { readonly kind: "createTrainer"; readonly trainer: ToTrainerFields }
  | { readonly kind: "updateTrainer"; readonly trainerId: ToTrainerId; readonly fields: Partial<ToTrainerFields> }
  | { readonly kind: "createVirtualRoom"; readonly room: ToVirtualRoomFields }
  | { readonly kind: "updateRoom"; readonly roomId: ToRoomId; readonly fields: Partial<ToVirtualRoomFields> }
  | { readonly kind: "createProvider"; readonly name: string }
  | {
      readonly kind: "updateProvider"
      readonly providerId: ToProviderId
      readonly fields: { readonly name?: string; readonly active?: boolean }
    }
  | { readonly kind: "flagSession"; readonly sessionId: ToSessionId; readonly needsReconfiguration: boolean }

/** What a write tells back: the id of a created record, and for a session the ids of the events made with it. */
export interface WriteResult {
  readonly id?: string
  /** Created items by their natural key (event ids by date and start time, engine/Mirror.ts `eventKey`). */
  readonly items?: Readonly<Record<string, string>>
  /** For a created provider, its site. */
  readonly siteId?: string
}
