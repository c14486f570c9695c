import type { HttpRequest } from "./Client.ts"

/** A path with its ids filled in, and its template for call accounting. */
export interface Route {
  readonly path: string
  readonly template: string
}

export const get = (route: Route, query: HttpRequest["query"] = {}): HttpRequest => ({
  method: "GET",
  ...route,
  query,
  idempotent: true,
})

/** Sets fields: sending it twice leaves the record as sending it once. */
export const put = (route: Route, json: unknown): HttpRequest => ({ method: "PUT", ...route, json, idempotent: true })

export const patch = (route: Route, json: unknown): HttpRequest => ({
  method: "PATCH",
  ...route,
  json,
  idempotent: true,
})

export const del = (route: Route, query: HttpRequest["query"] = {}): HttpRequest => ({
  method: "DELETE",
  ...route,
  query,
  idempotent: true,
})

/** A create: safe to send again only when an idempotency key makes the system recognise the repeat. */
export const post = (route: Route, json: unknown, idempotencyKey?: string): HttpRequest => ({
  method: "POST",
  ...route,
  json,
  headers: idempotencyKey === undefined ? {} : { "Idempotency-Key": idempotencyKey },
  idempotent: idempotencyKey !== undefined,
})

/** Leaves out the fields a partial update does not set (null is a value and stays). */
export const definedOnly = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
