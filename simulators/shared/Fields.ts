import { isPlainObject } from "./Body.ts"
import { type FieldProblem, InvalidFields } from "./Errors.ts"

/** A check turns an unknown JSON value into a typed one, or throws `Refused` with a reason. */
export type Check<T> = (value: unknown) => T
export type FieldSpec = Record<string, Check<unknown>>
export type Parsed<S extends FieldSpec> = { -readonly [K in keyof S]: ReturnType<S[K]> }

class Refused extends Error {}

const refuse = (message: string): never => {
  throw new Refused(message)
}

export const text: Check<string> = (value) => (typeof value === "string" ? value : refuse("must be a string"))

export const nonEmptyText: Check<string> = (value) =>
  typeof value === "string" && value.trim() !== "" ? value : refuse("must be a non-empty string")

export const int =
  (min = 0, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  (value) =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
      ? value
      : refuse(`must be an integer between ${min} and ${max}`)

export const bool: Check<boolean> = (value) => (typeof value === "boolean" ? value : refuse("must be true or false"))

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value) =>
    value === null ? null : check(value)

export const oneOf =
  <const T extends string>(...allowed: T[]): Check<T> =>
  (value) =>
    typeof value === "string" && (allowed as string[]).includes(value)
      ? (value as T)
      : refuse(`must be one of ${allowed.join(", ")}`)

export const arrayOf =
  <T>(check: Check<T>): Check<T[]> =>
  (value) => {
    if (!Array.isArray(value)) return refuse("must be an array")
    return value.map((item, index) => {
      try {
        return check(item)
      } catch (error) {
        if (error instanceof Refused) return refuse(`item ${index} ${error.message}`)
        throw error
      }
    })
  }

const isRealDay = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === value
}

export const day: Check<string> = (value) =>
  typeof value === "string" && isRealDay(value) ? value : refuse("must be a date as YYYY-MM-DD")

export const timeWithSeconds: Check<string> = (value) =>
  typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(value) ? value : refuse("must be HH:mm:ss")

export const timeOfDay: Check<string> = (value) =>
  typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? value : refuse("must be HH:mm")

const knownTimeZones = new Set<string>()

export const isTimeZone = (value: string): boolean => {
  if (knownTimeZones.has(value)) return true
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value })
  } catch {
    return false
  }
  knownTimeZones.add(value)
  return true
}

export const timeZone: Check<string> = (value) =>
  typeof value === "string" && value !== "" && isTimeZone(value) ? value : refuse("must be an IANA time zone")

export const email: Check<string> = (value) =>
  typeof value === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : refuse("must be an email address")

export const isoTimestamp: Check<string> = (value) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : refuse("must be an ISO-8601 timestamp")

/** Reads `body` against `spec`, collecting every offending field rather than stopping at the first. */
const readFields = (
  body: unknown,
  spec: FieldSpec,
  options: { prefix?: string; ignored?: readonly string[] },
): { values: Record<string, unknown>; problems: FieldProblem[] } => {
  const prefix = options.prefix ?? ""
  if (!isPlainObject(body)) {
    return { values: {}, problems: [{ field: prefix.replace(/\.$/, "") || "body", message: "must be an object" }] }
  }
  const values: Record<string, unknown> = {}
  const problems: FieldProblem[] = []
  for (const [key, value] of Object.entries(body)) {
    const check = spec[key]
    if (!check) {
      if (!options.ignored?.includes(key)) problems.push({ field: prefix + key, message: "is not a known field" })
      continue
    }
    try {
      values[key] = check(value)
    } catch (error) {
      if (!(error instanceof Refused)) throw error
      problems.push({ field: prefix + key, message: error.message })
    }
  }
  return { values, problems }
}

/** A create: every field of `spec` without a default is required. */
export const parseCreate = <S extends FieldSpec>(
  body: unknown,
  spec: S,
  defaults: Partial<Parsed<S>>,
  options: { prefix?: string; ignored?: readonly string[] } = {},
): Parsed<S> => {
  const { values, problems } = readFields(body, spec, options)
  if (isPlainObject(body)) {
    for (const key of Object.keys(spec)) {
      if (!(key in body) && !(key in defaults))
        problems.push({ field: (options.prefix ?? "") + key, message: "is required" })
    }
  }
  if (problems.length > 0) throw new InvalidFields(problems)
  return { ...defaults, ...values } as Parsed<S>
}

/** An update: only the fields given are read and changed. */
export const parsePatch = <S extends FieldSpec>(
  body: unknown,
  spec: S,
  options: { prefix?: string; ignored?: readonly string[] } = {},
): Partial<Parsed<S>> => {
  const { values, problems } = readFields(body, spec, options)
  if (problems.length > 0) throw new InvalidFields(problems)
  return values as Partial<Parsed<S>>
}

/** A field that may be left out: give it `undefined` as its default and derive a value later. */
export const maybe = <T>(check: Check<T>): Check<T | undefined> => check
