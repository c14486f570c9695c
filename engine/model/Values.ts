import { type Arbitrary, Schema } from "effect"

/** Calendar day as both APIs send it: YYYY-MM-DD. */
export const Day = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({
  arbitrary: () => (fc) => fc.constantFrom("2027-01-10", "2027-01-11", "2027-02-01"),
})

/** Time of day, HH:mm or HH:mm:ss (Docebo sends seconds, Training Orchestra does not). */
export const TimeOfDay = Schema.String.pipe(Schema.pattern(/^\d{1,2}:\d{2}(:\d{2})?$/)).annotations({
  // The same times written the ways the two APIs write them, so generated data exercises normalisation.
  arbitrary: () => (fc) => fc.constantFrom("9:00", "09:00", "09:00:00", "13:30", "13:30:00", "17:00"),
})

/** An IANA time-zone name as either system stores it; normalised before comparison. */
export const TimeZone = Schema.String.annotations({
  arbitrary: () => (fc) => fc.constantFrom("Europe/Paris", "europe/paris", "UTC", "Etc/UTC", "America/New_York"),
})

export const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative())

/** ILT is Docebo's `classroom` course type (TO `onsite`); VILT is `webinar` (TO `online`). */
export const CourseType = Schema.Literal("ilt", "vilt")
export type CourseType = typeof CourseType.Type

export const WebinarTool = Schema.Literal("zoom", "zoom_v3", "teams", "webex", "gotomeeting", "adobe_connect", "custom")
export type WebinarTool = typeof WebinarTool.Type

export const CompletionMode = Schema.Literal("manual", "attendance", "evaluation")
export type CompletionMode = typeof CompletionMode.Type

/**
 * A value of a vendor enumeration that iltsync does not know: a tenant newer than iltsync, or an integration the
 * public documents do not name. It is kept as it is, compared as it is, never decided on, and every plan reports it.
 */
export const Unlisted = Schema.String.pipe(Schema.brand("Unlisted"))
export type Unlisted = typeof Unlisted.Type

/**
 * An enumeration a vendor may extend: the literals iltsync knows, which its logic decides on, or any other value kept
 * as `Unlisted`. Generated data (the planner's properties) uses the known literals only.
 */
export const orUnlisted = <const L extends readonly [string, ...Array<string>]>(known: Schema.Literal<L>) =>
  Schema.Union(known, Unlisted).annotations({
    arbitrary: (): Arbitrary.LazyArbitrary<L[number] | Unlisted> => (fc) => fc.constantFrom(...known.literals),
  })

/** Whether `value` is one of the literals iltsync knows (otherwise it was kept as `Unlisted`). */
export const isListed = <const L extends readonly [string, ...Array<string>]>(
  known: Schema.Literal<L>,
  value: string,
): value is L[number] => (known.literals as ReadonlyArray<string>).includes(value)
