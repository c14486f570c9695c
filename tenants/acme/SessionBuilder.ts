/**
 * Turns a line of Acme's schedule into the TO session and, when an earlier sync mirrored it, the Docebo session with
 * one event per slot. Deriving the copy from the same line keeps the two sides consistent, except where a line says
 * on purpose that Docebo lags behind. A session is online when it is held in a virtual room and onsite when in a
 * physical one, whatever its course: online and onsite sessions of one ILT course sit side by side.
 */

import {
  type CompletionMode,
  type DoceboEvent,
  DoceboEventId,
  type DoceboSession,
  DoceboSessionId,
  ToRoomId,
  type ToSession,
  ToSessionId,
  type ToSessionStatus,
  type ToSlot,
  ToSlotId,
  ToTrainerId,
} from "../../engine/Model.ts"
import { stampCode } from "../../engine/Stamps.ts"
import { courseByCode } from "./Courses.ts"
import { userOfTrainer } from "./People.ts"
import { placeOfRoom } from "./Places.ts"
import { accountOfRoom } from "./Webinar.ts"

/** Day, start and end (HH:mm, wall-clock in the session's time zone), and the room when it is not the session's. */
export type SlotRow = readonly [day: string, start: string, end: string, room?: string]

export interface SessionRow {
  readonly id: string
  readonly course: string
  readonly name: string
  readonly status: ToSessionStatus
  readonly trainer: string
  /** A physical room for an onsite session, a virtual room (a webinar account's) for an online one. */
  readonly room: string
  /** Online only: the audience's time zone (onsite slots take their room's). */
  readonly timezone?: string
  readonly slots: ReadonlyArray<SlotRow>
  readonly min?: number
  readonly max: number
  readonly completion?: CompletionMode
  /** The Docebo session an earlier sync made from this one; `days` are event days Docebo still has from before. */
  readonly docebo?: { readonly id: string; readonly enrolled: number; readonly days?: ReadonlyArray<string> }
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

const fail = (message: string): never => {
  throw new Error(`acme schedule: ${message}`)
}

const place = (roomId: string) => placeOfRoom(roomId) ?? fail(`${roomId} is not a physical room`)
const account = (roomId: string) => accountOfRoom(roomId) ?? fail(`${roomId} is not a virtual room with an account`)

/** Whether a row's session is held onsite: in a physical room. */
const isOnsite = (row: SessionRow) => placeOfRoom(row.room) !== undefined

export const toSession = (row: SessionRow): ToSession => {
  const course = courseByCode(row.course)
  const onsite = isOnsite(row)
  if (course.type === "vilt" && onsite) fail(`${row.id} is onsite but ${row.course} is a webinar course`)
  const timezone = onsite ? place(row.room).timezone : (row.timezone ?? fail(`${row.id} needs a time zone`))
  const slots: ReadonlyArray<ToSlot> = row.slots.map(([day, start, end, room], index) => ({
    id: ToSlotId.make(`slot_${row.id.replace(/^ses_/, "")}_${index + 1}`),
    day,
    start,
    end,
    timezone,
    durationMinutes: onsite ? null : minutesOf(end) - minutesOf(start),
    trainerId: null,
    roomId: room === undefined ? null : ToRoomId.make(room),
  }))
  return {
    id: ToSessionId.make(row.id),
    courseId: course.toId,
    name: row.name,
    status: row.status,
    modality: onsite ? "onsite" : "online",
    minParticipants: row.min ?? null,
    maxParticipants: row.max,
    trainerId: ToTrainerId.make(row.trainer),
    locationId: onsite ? place(row.room).locationId : null,
    roomId: ToRoomId.make(row.room),
    completionMode: onsite ? null : (row.completion ?? "attendance"),
    slots,
    needsReconfiguration: false,
    externalRef: row.docebo === undefined ? null : DoceboSessionId.make(row.docebo.id),
  }
}

/** The Docebo copy of a mirrored session: event ids are the session id followed by the slot's number. */
export const doceboCopy = (row: SessionRow, session: ToSession): DoceboSession | undefined => {
  const copy = row.docebo
  if (copy === undefined) return undefined
  const course = courseByCode(row.course)
  const onsite = isOnsite(row)
  const instructor = userOfTrainer(row.trainer)
  const events: ReadonlyArray<DoceboEvent> = session.slots.map((slot, index) => {
    const roomId = slot.roomId ?? row.room
    const classroom = onsite ? place(roomId) : undefined
    if (classroom && classroom.classroomId === null) fail(`${row.id} is mirrored but ${roomId} has no classroom`)
    const webinar = onsite ? undefined : account(roomId)
    return {
      id: DoceboEventId.make(`${copy.id}${index + 1}`),
      name: session.slots.length > 1 ? `Day ${index + 1}` : "",
      day: copy.days?.[index] ?? slot.day,
      timeBegin: `${slot.start}:00`,
      timeEnd: `${slot.end}:00`,
      timezone: slot.timezone,
      locationId: classroom?.doceboLocationId ?? null,
      classroomId: classroom?.classroomId ?? null,
      tool: webinar?.tool ?? null,
      webinarAccountId: webinar?.id ?? null,
      durationMinutes: slot.durationMinutes,
      instructors: [instructor],
      joinUrl: null,
    }
  })
  return {
    id: DoceboSessionId.make(copy.id),
    courseId: course.doceboId,
    name: session.name,
    maxEnroll: session.maxParticipants,
    minEnroll: session.minParticipants,
    instructors: [instructor],
    completionType: session.completionMode,
    // The copy iltsync made carries its stamp where Docebo keeps it: the session code (engine/Stamps.ts).
    code: stampCode(session.id),
    enrolled: copy.enrolled,
    events,
  }
}

export const fullDay = (day: string): SlotRow => [day, "09:00", "17:00"]
export const morning = (day: string): SlotRow => [day, "09:00", "12:30"]
