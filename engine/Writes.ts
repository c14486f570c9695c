/**
 * The domain-level writes the adapters carry out: one per API call. Apply derives them from ops (canonical values with
 * ids translated to the replica's), and each adapter maps them to its vendor's payloads in its mapping module.
 */
import type {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
  ToCourseId,
  ToProviderId,
  ToRoomId,
  ToSessionId,
  ToSlotId,
  ToTrainerId,
} from "./model/Ids.ts"
import type { CompletionMode, WebinarTool } from "./model/Values.ts"

export interface DoceboEventFields {
  readonly day: string
  readonly timeBegin: string
  readonly timeEnd: string
  readonly timezone: string
  readonly locationId: DoceboLocationId | null
  readonly classroomId: DoceboClassroomId | null
  readonly tool: WebinarTool | null
  readonly webinarAccountId: DoceboWebinarAccountId | null
  readonly durationMinutes: number | null
  readonly instructors: ReadonlyArray<DoceboUserId>
  readonly externalId: ToSlotId
}

export interface DoceboSessionFields {
  readonly name: string
  readonly maxEnroll: number | null
  readonly minEnroll: number | null
  readonly instructors: ReadonlyArray<DoceboUserId>
  readonly completionType: CompletionMode | null
  readonly externalId: ToSessionId
}

export interface DoceboLocationFields {
  readonly name: string
  readonly address: string
  readonly countryCode: string | null
  readonly externalId: string
}

export interface DoceboClassroomFields {
  readonly locationId: DoceboLocationId
  readonly name: string
  readonly seats: number | null
  readonly externalId: ToRoomId
}

export interface DoceboUserFields {
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly isInstructor: boolean
}

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

export interface ToCourseFields {
  readonly code: string
  readonly title: string
  readonly modality: "onsite" | "online"
  readonly language: string
  readonly active: boolean
  readonly externalRef: DoceboCourseId
}

export interface ToTrainerFields {
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly trainingProviderId: ToProviderId | null
  readonly active: boolean
  readonly externalRef: DoceboUserId
}

export interface ToVirtualRoomFields {
  readonly name: string
  readonly webinarTool: WebinarTool
  readonly active: boolean
  readonly externalRef: DoceboWebinarAccountId
}

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
  /** Created items by their stamped external id (e.g. event ids by TO slot id). */
  readonly items?: Readonly<Record<string, string>>
  /** For a created provider, its site. */
  readonly siteId?: string
}
