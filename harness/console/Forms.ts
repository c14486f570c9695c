/**
 * A posted form, read once per request as UTF-8 (the guard reads it for the CSRF token, the page for its fields).
 * Bytes that are not UTF-8 are refused like any other body of the service.
 */
import type { Context } from "hono"
import { readText } from "../service/Body.ts"

const forms = new WeakMap<Request, Promise<URLSearchParams>>()

export const formOf = (c: Context): Promise<URLSearchParams> => {
  const cached = forms.get(c.req.raw)
  if (cached !== undefined) return cached
  const read = readText(c).then((text) => new URLSearchParams(text))
  forms.set(c.req.raw, read)
  return read
}

/** A field's value, trimmed; empty when absent. */
export const field = (form: URLSearchParams, name: string): string => (form.get(name) ?? "").trim()

/** Every value of a repeated field (checkboxes), without repeats, in the order given. */
export const fields = (form: URLSearchParams, name: string): ReadonlyArray<string> => [
  ...new Set(
    form
      .getAll(name)
      .map((value) => value.trim())
      .filter((value) => value !== ""),
  ),
]

/** A page number from a query or a form: a whole number from 1, else 1. */
export const pageNumber = (value: string | undefined | null): number => {
  const page = Number(value)
  return Number.isInteger(page) && page >= 1 ? page : 1
}
