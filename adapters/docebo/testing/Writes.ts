import { Effect } from "effect"
import type {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
  ToLocationId,
  ToRoomId,
  ToSessionId,
  ToSlotId,
} from "../../../engine/model/Ids.ts"
import { DoceboPort, type WriteOptions } from "../../../engine/Ports.ts"
import { stampCode } from "../../../engine/Stamps.ts"
import type { DoceboEventFields, DoceboSessionFields, DoceboWrite } from "../../../engine/Writes.ts"

export const write = (change: DoceboWrite, options?: WriteOptions) =>
  Effect.flatMap(DoceboPort, (docebo) => docebo.write(change, options))

export const sessionsOf = (courseId: string) =>
  Effect.flatMap(DoceboPort, (docebo) => docebo.sessions(courseId as DoceboCourseId))

export const sessionIn = (courseId: string, sessionId: string | undefined) =>
  Effect.map(sessionsOf(courseId), (listing) => listing.items.find((session) => session.id === sessionId))

/** The domain's ids, as the engine hands them over (Training Orchestra's times come without seconds). */
export const ids = {
  course: (id: string) => id as DoceboCourseId,
  session: (id: string) => id as DoceboSessionId,
  event: (id: string) => id as DoceboEventId,
  location: (id: string) => id as DoceboLocationId,
  classroom: (id: string) => id as DoceboClassroomId,
  user: (id: string) => id as DoceboUserId,
  account: (id: string) => id as DoceboWebinarAccountId,
  toSession: (id: string) => id as ToSessionId,
  slot: (id: string) => id as ToSlotId,
  room: (id: string) => id as ToRoomId,
  toLocation: (id: string) => id as ToLocationId,
}

export const iltSession: DoceboSessionFields = {
  name: "Forklift Safety — Lyon, June",
  maxEnroll: 10,
  minEnroll: 2,
  instructors: [ids.user("10")],
  completionType: "attendance",
  code: stampCode("ses_fls_june"),
}

export const classroomEvent = (day: string): DoceboEventFields => ({
  day,
  timeBegin: "09:00",
  timeEnd: "17:00",
  timezone: "Europe/Paris",
  locationId: ids.location("2"),
  classroomId: ids.classroom("3"),
  tool: null,
  webinarAccountId: null,
  durationMinutes: null,
  instructors: [ids.user("10")],
})
