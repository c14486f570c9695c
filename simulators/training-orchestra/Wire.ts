import type { Context, ErrorHandler } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import type { ClientEnv } from "../shared/Access.ts"
import { ApiError, type FieldProblem, InvalidFields } from "../shared/Errors.ts"

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
}

/** What the authentication middleware leaves for handlers. */
export type ToEnv = ClientEnv

export const sendJson = (c: Context, body: unknown, status = 200): Response =>
  c.body(JSON.stringify(body), status as ContentfulStatusCode, { "Content-Type": "application/json" })

export const sendData = (c: Context, data: unknown, status = 200): Response => sendJson(c, { data }, status)

/** RFC 9457 problem details; `errors` names each offending field. */
export const problem = (
  c: Context,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
  errors: readonly FieldProblem[] = [],
): Response =>
  c.body(
    JSON.stringify({ type: "about:blank", title: titles[status] ?? "Error", status, detail, errors }),
    status as ContentfulStatusCode,
    { "Content-Type": "application/problem+json", ...headers },
  )

export class ToNotFound extends ApiError {
  constructor(what: string, id: string) {
    super(404, `${what} ${id} does not exist`)
  }
}

export const found = <T>(value: T | undefined, what: string, id: string): T => {
  if (value === undefined) throw new ToNotFound(what, id)
  return value
}

/** Field validation is 422; a body that cannot be read at all is 400 (raised as ApiError). */
export const onToError: ErrorHandler = (error, c) => {
  if (error instanceof InvalidFields) {
    return problem(c, error.status ?? 422, `Invalid input: ${error.message}`, {}, error.problems)
  }
  if (error instanceof ApiError) return problem(c, error.status, error.message, error.headers)
  return problem(c, 500, "Internal error")
}
