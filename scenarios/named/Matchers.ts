/** The few ways a scenario says what it expects, each able to describe itself in a failure report. */
import { isDeepStrictEqual } from "node:util"
import { show } from "./Scenario.ts"

/** Takes whatever a step read (often `undefined` when a record is missing), so any reading fits any matcher. */
export interface Matcher {
  readonly test: (value: unknown) => boolean
  readonly describe: string
}

export const equals = (expected: unknown): Matcher => ({
  test: (value) => isDeepStrictEqual(value, expected),
  describe: show(expected),
})

/** Every key given has the value given (recursively for objects); other keys may hold anything. */
const matchesPartly = (value: unknown, pattern: unknown): boolean => {
  if (pattern === null || typeof pattern !== "object" || Array.isArray(pattern)) {
    return isDeepStrictEqual(value, pattern)
  }
  if (value === null || typeof value !== "object") return false
  return Object.entries(pattern).every(([key, expected]) =>
    matchesPartly((value as Record<string, unknown>)[key], expected),
  )
}

export const matches = (pattern: Record<string, unknown>): Matcher => ({
  test: (value) => matchesPartly(value, pattern),
  describe: `an object with ${show(pattern)}`,
})

export const contains = (fragment: string): Matcher => ({
  test: (value) => typeof value === "string" && value.includes(fragment),
  describe: `a text containing ${show(fragment)}`,
})

export const includes = (item: unknown): Matcher => ({
  test: (values) => Array.isArray(values) && values.some((value) => isDeepStrictEqual(value, item)),
  describe: `a list including ${show(item)}`,
})

export const isTrue: Matcher = { test: (value) => value === true, describe: "true" }
export const isFalse: Matcher = { test: (value) => value === false, describe: "false" }

export const atLeast = (minimum: number): Matcher => ({
  test: (value) => typeof value === "number" && value >= minimum,
  describe: `a number of at least ${minimum}`,
})

export const satisfies = <T>(describe: string, test: (value: T) => boolean): Matcher => ({
  test: (value) => test(value as T),
  describe,
})
