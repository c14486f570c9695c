/**
 * Errors on the wire: RFC 9457 problem details (`application/problem+json`). Handlers throw a `Problem` (or let a
 * typed error of the app escape), and the app's one `onError` turns either into the answer. Details name fields and
 * systems, never a secret: the app's errors carry names and reasons, not values.
 */
import type { Context } from "hono"
import { HTTPException } from "hono/http-exception"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import { secretKeyMissingReason } from "../../adapters/store/Errors.ts"

/** One offending field of a request, as `trainers[0].email`. */
export interface FieldError {
  readonly field: string
  readonly message: string
}

const titles: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
}

export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly extensions: { readonly errors?: ReadonlyArray<FieldError> } & Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail)
    this.name = "Problem"
  }
}

/** 400 naming the first offending field in the detail and every one of them in `errors`. */
export const badInput = (errors: ReadonlyArray<FieldError>): Problem => {
  const first = errors[0] ?? { field: "body", message: "is invalid" }
  return new Problem(400, `${first.field}: ${first.message}`, { errors })
}

export const unprocessable = (field: string, message: string): Problem =>
  new Problem(422, `${field}: ${message}`, { errors: [{ field, message }] })

export const notFound = (detail: string): Problem => new Problem(404, detail)

export const problemResponse = (c: Context, problem: Problem): Response =>
  c.body(
    JSON.stringify({
      type: "about:blank",
      title: titles[problem.status] ?? "Error",
      status: problem.status,
      detail: problem.detail,
      instance: c.req.path,
      ...problem.extensions,
    }),
    problem.status,
    { ...problem.headers, "content-type": "application/problem+json" },
  )

/** The seed's rule, in the words operators see (Behaviour 1 of SYNC-RULES.md). */
export const subDomainRefusal = "extended-enterprise sub-domains are not supported: configure the main domain"

const systemName = (system: unknown) => (system === "to" ? "Training Orchestra" : "Docebo")

/** The app's typed errors (Effect `Schema.TaggedError`s) as problems; anything else is a 500 without details. */
export const problemOf = (error: unknown): Problem => {
  if (error instanceof Problem) return error
  if (error instanceof HTTPException) {
    if (error.status === 413) return new Problem(413, "the request body is larger than 1 MiB")
    return new Problem(error.status as ContentfulStatusCode, error.message || (titles[error.status] ?? "error"))
  }
  const tagged = error as { readonly _tag?: unknown } & Readonly<Record<string, unknown>>
  switch (tagged._tag) {
    case "SettingsMissing":
      return new Problem(503, `iltsync is not configured: missing ${(tagged.names as string[]).join(", ")}`, {
        missing: tagged.names,
      })
    case "SubdomainRefused":
      return new Problem(422, subDomainRefusal, { domain: tagged.domain })
    case "EventQueryInvalid":
      return badInput([{ field: String(tagged.field), message: String(tagged.reason) }])
    case "ReadFailed":
      return new Problem(
        502,
        `could not read ${String(tagged.resource)} from ${systemName(tagged.system)}: ${String(tagged.reason)}`,
      )
    case "HeldOpNotFound":
      return notFound(`no op ${String(tagged.opId)} in a fresh plan: it was done since, or what it was about changed`)
    case "OpNotHeld":
      return new Problem(
        409,
        `op ${String(tagged.opId)} is ${String(tagged.status)}, not held: ${String(tagged.reason)}`,
        {
          opId: tagged.opId,
          opStatus: tagged.status,
        },
      )
    case "HeldOpNotApplied":
      return new Problem(
        409,
        `op ${String(tagged.opId)} was approved but ${String(tagged.status)}: ${String(tagged.reason)}`,
        {
          opId: tagged.opId,
          opStatus: tagged.status,
        },
      )
    case "UserDirectoryIncomplete":
      return new Problem(502, `Docebo's user listing could not be read in full: ${String(tagged.reason)}`)
    case "ResponseMalformed":
      return new Problem(502, `${systemName(tagged.system)} sent a malformed ${String(tagged.resource)}`)
    case "WriteRejected":
    case "WriteAmbiguous":
      return new Problem(502, `${systemName(tagged.system)} did not take a write: ${String(tagged.reason)}`)
    case "CredentialsUnreadable":
      return new Problem(
        500,
        "the stored credentials cannot be decrypted with this ILTSYNC_SECRET_KEY: set the key they were saved under, or save them again",
      )
    case "SecretKeyMissing":
      return new Problem(500, secretKeyMissingReason({ keyFile: String(tagged.keyFile) }))
    case "StoreError":
      return new Problem(500, `iltsync's store failed (${String(tagged.operation)})`)
    default:
      return new Problem(500, "internal error")
  }
}

/** One line for the service's log about a failure on its side: its kind and first line, never a value. */
export const describeFailure = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error)
