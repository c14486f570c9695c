import type { FieldProblem } from "../shared/Errors.ts"
import type { Parsed } from "../shared/Fields.ts"
import { minutesBetween } from "./Dates.ts"
import type { sessionFields } from "./Fields.ts"
import {
  type DoceboClassroom,
  type DoceboEvent,
  type DoceboLocation,
  type DoceboWebinarAccount,
  type ToolName,
  type WebinarTool,
  webinarTools,
} from "./Types.ts"

/** Cross-record rules of Docebo's ILT model, checked against whatever holds the other records. */
export interface DoceboLookups {
  hasUser(id: number): boolean
  location(id: number): DoceboLocation | undefined
  classroom(id: number): DoceboClassroom | undefined
  account(id: number): DoceboWebinarAccount | undefined
}

/** An event's own fields as the simulator keeps them (flat, by ids), before it is given an id and a session. */
export type EventInput = Omit<DoceboEvent, "id" | "id_session" | "join_url">
export type SessionInput = Parsed<typeof sessionFields>

const missingUsers = (ids: readonly number[], lookups: DoceboLookups, field: string): FieldProblem[] =>
  ids.filter((id) => !lookups.hasUser(id)).map((id) => ({ field, message: `user ${id} does not exist` }))

/** How a problem names an event field: as the caller's input spells it (a flat seed, the API's nested shape). */
export type EventFieldName = (field: keyof EventInput) => string

/**
 * Fills, in place, what Docebo derives (location from classroom, tool from account, duration) and reports
 * contradictions. Callers pass an event they have just read or built.
 */
export const settleEvent = (
  event: EventInput,
  lookups: DoceboLookups,
  name: EventFieldName = (field) => field,
): { event: EventInput; problems: FieldProblem[] } => {
  const problems: FieldProblem[] = []
  if (event.time_end <= event.time_begin) {
    problems.push({ field: name("time_end"), message: `must be after ${name("time_begin")}` })
  }
  if (event.id_classroom !== null) {
    const classroom = lookups.classroom(event.id_classroom)
    if (!classroom) problems.push({ field: name("id_classroom"), message: "does not exist" })
    else if (event.id_location === null) event.id_location = classroom.id_location
    else if (event.id_location !== classroom.id_location) {
      problems.push({ field: name("id_classroom"), message: "is not in the event's location" })
    }
  }
  if (event.id_location !== null && !lookups.location(event.id_location)) {
    problems.push({ field: name("id_location"), message: "does not exist" })
  }
  if (event.webinar_account_id !== null) {
    const account = lookups.account(event.webinar_account_id)
    if (!account) problems.push({ field: name("webinar_account_id"), message: "does not exist" })
    else if (event.tool === null) event.tool = account.tool
    else if (event.tool !== account.tool) {
      problems.push({ field: name("tool"), message: `does not match the account's tool (${account.tool})` })
    }
  } else if (event.tool !== null && !isDocumentedTool(event.tool)) {
    // Another integration's tool comes with one of its accounts.
    problems.push({ field: name("tool"), message: `must be one of ${webinarTools.join(", ")} without an account` })
  }
  problems.push(...missingUsers(event.instructors, lookups, name("instructors")))
  if (event.duration === null && problems.length === 0)
    event.duration = minutesBetween(event.time_begin, event.time_end)
  return { event, problems }
}

export const sessionProblems = (session: SessionInput, lookups: DoceboLookups, prefix = ""): FieldProblem[] => {
  const problems = missingUsers(session.instructors, lookups, `${prefix}instructors`)
  if (session.min_enroll !== null && session.max_enroll !== null && session.min_enroll > session.max_enroll) {
    problems.push({ field: `${prefix}min_enroll`, message: "must not exceed max_enroll" })
  }
  return problems
}

const isDocumentedTool = (tool: ToolName): tool is WebinarTool => (webinarTools as ToolName[]).includes(tool)

const meetingHosts: Record<WebinarTool, string> = {
  zoom: "https://zoom.us/j/",
  zoom_v3: "https://zoom.us/j/",
  teams: "https://teams.microsoft.com/l/meetup-join/",
  webex: "https://acme.webex.com/meet/",
  gotomeeting: "https://global.gotomeeting.com/join/",
  adobe_connect: "https://acme.adobeconnect.com/",
  custom: "https://meet.example.com/",
}

/** The join link of a freshly created meeting; `meetingNumber` makes each one distinct. */
export const joinUrlFor = (tool: ToolName | null, meetingNumber: number): string | null => {
  if (tool === null) return null
  const host = isDocumentedTool(tool) ? meetingHosts[tool] : `https://meet.example.com/${tool}/`
  return `${host}${meetingNumber}`
}
