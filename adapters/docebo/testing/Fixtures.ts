import { readFileSync } from "node:fs"
import { Effect, Either, ParseResult } from "effect"
import type { Decoder } from "../../http/Decode.ts"
import { fieldPath } from "../../http/Decode.ts"

export type FixtureName =
  | "events-list"
  | "session"
  | "courses-list"
  | "course"
  | "users-list"
  | "user-put"
  | "user-put-refused"
  | "course-sessions-none"

/** A body of `../fixtures/`, as text (what the adapter reads) and as JSON. */
export const fixtureText = (name: FixtureName): string =>
  readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8")

export const fixture = (name: FixtureName): Record<string, unknown> => JSON.parse(fixtureText(name))

/** Every field `decode` finds wrong or missing in `value`, by its path; none when it decodes. */
export const problemPaths = <A>(decode: Decoder<A>, value: unknown): string[] =>
  Either.match(Effect.runSync(Effect.either(decode(value, { errors: "all" }))), {
    onLeft: (error) => ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => fieldPath(issue.path)),
    onRight: () => [],
  })

export const decoded = <A>(decode: Decoder<A>, value: unknown): A => Effect.runSync(decode(value))

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The paths of `real` that `simulated` lacks: keys at every depth, arrays by their first items. A null on either
 * side (an event without a webinar) stands for an object absent there, and is compared no further.
 */
export const missingPaths = (real: unknown, simulated: unknown, path = ""): string[] => {
  if (real === null || simulated === null) return []
  if (Array.isArray(real)) {
    if (!Array.isArray(simulated)) return [path]
    const [first] = real
    const [other] = simulated
    return first === undefined || other === undefined ? [] : missingPaths(first, other, `${path}[0]`)
  }
  if (!isObject(real)) return []
  if (!isObject(simulated)) return [path]
  return Object.keys(real).flatMap((key) => {
    const at = path === "" ? key : `${path}.${key}`
    return Object.hasOwn(simulated, key) ? missingPaths(real[key], simulated[key], at) : [at]
  })
}

/** The items of a list body. */
export const itemsOf = (body: Record<string, unknown>): unknown[] =>
  ((body.data as { items?: unknown[] } | undefined)?.items ?? []) as unknown[]
