import { Schema } from "effect"

/** Calendar day as both APIs send it: YYYY-MM-DD. */
export const Day = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))

/** Time of day, HH:mm or HH:mm:ss (Docebo sends seconds, Training Orchestra does not). */
export const TimeOfDay = Schema.String.pipe(Schema.pattern(/^\d{1,2}:\d{2}(:\d{2})?$/))

/** An IANA time-zone name as either system stores it; normalised before comparison. */
export const TimeZone = Schema.String

export const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative())

/** ILT is Docebo's `classroom` course type (TO `onsite`); VILT is `webinar` (TO `online`). */
export const CourseType = Schema.Literal("ilt", "vilt")
export type CourseType = typeof CourseType.Type

export const WebinarTool = Schema.Literal("zoom", "zoom_v3", "teams", "webex", "gotomeeting", "adobe_connect", "custom")
export type WebinarTool = typeof WebinarTool.Type

export const CompletionMode = Schema.Literal("manual", "attendance", "evaluation")
export type CompletionMode = typeof CompletionMode.Type
