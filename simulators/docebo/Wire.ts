import type { Context, ErrorHandler } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import type { ClientEnv } from "../shared/Access.ts"
import { ApiError, InvalidFields } from "../shared/Errors.ts"

const doceboHeaders = { "Content-Type": "application/json; charset=UTF-8", "X-Docebo-Api-Version": "1.0.0" }

const statusNames: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
}

export const sendJson = (c: Context, body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  c.body(JSON.stringify(body), status as ContentfulStatusCode, { ...doceboHeaders, ...headers })

/** Single objects come as `{"data":{…}}` [doc]. */
export const sendData = (c: Context, data: unknown): Response => sendJson(c, { data })

/** Docebo's error body `{"name","message","code","status"}` [assumed]. */
export const refuse = (c: Context, status: number, message: string, headers: Record<string, string> = {}): Response =>
  sendJson(c, { name: statusNames[status] ?? "Error", message, code: 0, status }, status, headers)

export class DoceboNotFound extends ApiError {
  constructor(what: string, id: string | number) {
    super(404, `${what} ${id} does not exist`)
  }
}

export const onDoceboError: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) return refuse(c, error.status, error.message, error.headers)
  if (error instanceof InvalidFields) return refuse(c, 400, error.message)
  return refuse(c, 500, "Internal error")
}

/** A numeric id from the path; anything else is a 404, as no such record can exist. */
export const numericId = (value: string, what: string): number => {
  const id = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id)) throw new DoceboNotFound(what, value)
  return id
}

/** What the authentication middleware leaves for handlers. */
export type DoceboEnv = ClientEnv

export const found = <T>(value: T | undefined, what: string, id: string | number): T => {
  if (value === undefined) throw new DoceboNotFound(what, id)
  return value
}
