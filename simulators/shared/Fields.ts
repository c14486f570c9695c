import { isPlainObject } from "./Body.ts"
import { type FieldProblem, InvalidFields } from "./Errors.ts"

/** A check turns an unknown JSON value into a typed one, or throws `Refused` with a reason. */
export type Check<T> = (value: unknown) => T
export type FieldSpec = Record<string, Check<unknown>>
export type Parsed<S extends FieldSpec> = { -readonly [K in keyof S]: ReturnType<S[K]> }

class Refused extends Error {}

/** Refuses a value from inside a check; the reader names the field. */
export const refuse = (message: string): never => {
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

const knownDays = new Set<string>()

export const day: Check<string> = (value) => {
  if (typeof value !== "string") return refuse("must be a date as YYYY-MM-DD")
  if (knownDays.has(value)) return value
  if (!isRealDay(value)) return refuse("must be a date as YYYY-MM-DD")
  if (knownDays.size < 100_000) knownDays.add(value)
  return value
}

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

/**
 * `prefix` names nested fields (`events[2].`); `ignored`: fields a client may send back unchanged (read-only fields of
 * a record it read); `locked`: fields that exist but may not be written here, refused with their own reason.
 */
export interface ReadOptions {
  readonly prefix?: string
  readonly ignored?: readonly string[]
  readonly locked?: readonly string[]
}

export type Reader<T> = (body: unknown, prefix?: string) => T

/**
 * Compiles a reader of `spec` once, for reading many records (a seed of 100,000 sessions) cheaply. It collects every
 * offending field rather than stopping at the first. A create (`partial` false) requires each field without a default.
 */
const compile = <S extends FieldSpec>(
  spec: S,
  defaults: Partial<Parsed<S>>,
  options: ReadOptions,
  partial: boolean,
): Reader<Record<string, unknown>> => {
  const required = partial ? [] : Object.keys(spec).filter((key) => !Object.hasOwn(defaults, key))
  const defaulted = partial ? [] : Object.entries(defaults)
  const ignored = new Set(options.ignored)
  const locked = new Set(options.locked)
  return (body, prefix = options.prefix ?? "") => {
    if (!isPlainObject(body)) {
      throw new InvalidFields([{ field: prefix.replace(/\.$/, "") || "body", message: "must be an object" }])
    }
    const values: Record<string, unknown> = {}
    let problems: FieldProblem[] | undefined
    const report = (field: string, message: string) => {
      problems ??= []
      problems.push({ field: prefix + field, message })
    }
    for (const key in body) {
      if (!Object.hasOwn(spec, key)) {
        if (locked.has(key)) report(key, "cannot be changed through the API")
        else if (!ignored.has(key)) report(key, "is not a known field")
        continue
      }
      try {
        values[key] = (spec[key] as Check<unknown>)(body[key])
      } catch (error) {
        if (error instanceof InvalidFields) {
          // A nested object's problems, named by their path inside it (`schedule.date`).
          for (const problem of error.problems) report(`${key}.${problem.field}`, problem.message)
          continue
        }
        if (!(error instanceof Refused)) throw error
        report(key, error.message)
      }
    }
    for (const key of required) if (!Object.hasOwn(body, key)) report(key, "is required")
    if (problems) throw new InvalidFields(problems)
    // Defaults are filled in last: spreading them first would turn every record into a slow dictionary object.
    // An array default is copied, so that no two records share one.
    for (const [key, value] of defaulted) {
      if (!Object.hasOwn(values, key)) values[key] = Array.isArray(value) ? [...value] : value
    }
    return values
  }
}

/** A reader for creates, compiled once: every field of `spec` without a default is required. */
export const createReader = <S extends FieldSpec>(
  spec: S,
  defaults: Partial<Parsed<S>>,
  options: ReadOptions = {},
): Reader<Parsed<S>> => compile(spec, defaults, options, false) as Reader<Parsed<S>>

/** A create: every field of `spec` without a default is required. */
export const parseCreate = <S extends FieldSpec>(
  body: unknown,
  spec: S,
  defaults: Partial<Parsed<S>>,
  options: ReadOptions = {},
): Parsed<S> => createReader(spec, defaults, options)(body)

/** An update: only the fields given are read and changed. */
export const parsePatch = <S extends FieldSpec>(
  body: unknown,
  spec: S,
  options: ReadOptions = {},
): Partial<Parsed<S>> => compile(spec, {}, options, true)(body) as Partial<Parsed<S>>

/**
 * A JSON object inside a record (a Docebo event's `schedule`), read by its own spec. Only the parts given are read, so
 * that an update can change one part; a create checks for the parts it needs. `ignored`: parts an API answers but does
 * not take, which a client may send back unchanged.
 */
export const nested = <S extends FieldSpec>(
  spec: S,
  options: { readonly ignored?: readonly string[] } = {},
): Check<Partial<Parsed<S>>> => {
  const read = compile(spec, {}, { ignored: options.ignored ?? [] }, true)
  return (value) => (isPlainObject(value) ? (read(value) as Partial<Parsed<S>>) : refuse("must be an object"))
}

/** A field that may be left out: give it `undefined` as its default and derive a value later. */
export const maybe = <T>(check: Check<T>): Check<T | undefined> => check

/** Runs `read`, moving the problems it reports into `problems`, so that one answer can name every bad field. */
export const collectProblems = <T>(problems: FieldProblem[], read: () => T): T | undefined => {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof InvalidFields)) throw error
    problems.push(...error.problems)
    return undefined
  }
}
