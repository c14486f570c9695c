import { Clock, Duration, Effect, FiberRef, Ref } from "effect"
import { ResponseMalformed } from "../../engine/Errors.ts"
import type { System } from "../../engine/Plan.ts"
import { RequestPriority } from "../../engine/Ports.ts"
import type { RequestBudget } from "./Budget.ts"
import type { CallAccounting } from "./Calls.ts"
import { type Decoder, decodeAnswer } from "./Decode.ts"
import {
  AnswerLost,
  answerMayBeLost,
  type CallFailure,
  ConnectionRefused,
  Refused,
  type SendFailure,
  Throttled,
  Unauthorized,
  Unavailable,
  Unreachable,
} from "./Failure.ts"
import type { Fetch } from "./Fetch.ts"
import { type RetrySettings, retryAfterMs, retrySchedule } from "./Policy.ts"
import { type Bearer, redact } from "./Token.ts"

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

export interface HttpRequest {
  readonly method: HttpMethod
  /** Under the base URL, ids filled in; or a whole URL (a token endpoint elsewhere). */
  readonly path: string
  /** The path with its ids as `:id`, for call accounting. */
  readonly template: string
  readonly query?: Readonly<Record<string, string | number | undefined>>
  readonly json?: unknown
  readonly form?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
  /** Safe to send again after a lost answer: reads, PUT, PATCH, DELETE, a POST with an idempotency key. */
  readonly idempotent: boolean
}

export interface HttpAnswer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

export interface ClientConfig {
  readonly system: System
  readonly baseUrl: string
  readonly fetch: Fetch
  readonly timeout: Duration.DurationInput
  readonly retry: RetrySettings
  /** The vendor's reason for a refusal, read from its error body. */
  readonly reasonOf: (status: number, text: string) => string
}

/** Calls to one system: budget, timeout, accounting, retries; no token yet. */
export interface Transport {
  readonly system: System
  readonly retry: RetrySettings
  /**
   * One attempt: waits for the budget, then takes the token (a wait for the budget may outlast a token), sends,
   * counts the call, sorts the answer into success or failure.
   */
  readonly attempt: <E>(
    request: HttpRequest,
    token: Effect.Effect<string | null, E>,
  ) => Effect.Effect<HttpAnswer, CallFailure | E>
  /** One call without a token (the token call itself), retried by the policy. */
  readonly sendAnonymous: (request: HttpRequest) => Effect.Effect<HttpAnswer, CallFailure>
  /** Decodes an answer's body; the error never carries a secret. */
  readonly decode: <A>(
    decoder: Decoder<A>,
    resource: string,
  ) => (answer: HttpAnswer) => Effect.Effect<A, ResponseMalformed>
  /** Replaces every secret this client knows (tokens, client secret, password) in `text`. */
  readonly scrub: (text: string) => string
}

export interface HttpClient extends Transport {
  /**
   * One API call with the bearer token, retried by the policy; a 401 refreshes the token once and sends the call once
   * more. A call that lost an answer on the way and then failed is `AnswerLost` (for a write, it may have happened).
   */
  readonly send: (request: HttpRequest) => Effect.Effect<HttpAnswer, SendFailure>
}

const urlOf = (baseUrl: string, request: HttpRequest): string => {
  const url = new URL(
    /^https?:\/\//.test(request.path) ? request.path : `${baseUrl.replace(/\/+$/, "")}${request.path}`,
  )
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value))
  }
  return url.toString()
}

const initOf = (request: HttpRequest, bearer: string | null, signal: AbortSignal): RequestInit => {
  const headers: Record<string, string> = { accept: "application/json", ...request.headers }
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`
  let body: string | undefined
  if (request.json !== undefined) {
    headers["content-type"] = "application/json"
    body = JSON.stringify(request.json)
  } else if (request.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded"
    body = new URLSearchParams({ ...request.form }).toString()
  }
  return { method: request.method, headers, body, signal }
}

/** A permit given to an attempt that has not sent yet, and whether a token call it needed took it. */
const PermitInHand = FiberRef.unsafeMake<{ taken: boolean } | null>(null)

/** Whether a failed fetch was refused a connection: Node's fetch gives the socket's error as its `cause`. */
const isConnectionRefused = (error: unknown, depth = 0): boolean => {
  if (!(error instanceof Error) || depth > 4) return false
  if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") return true
  // Every address of a name tried in turn (IPv6, then IPv4), each refused.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.every((each) => isConnectionRefused(each, depth + 1))
  }
  return isConnectionRefused(error.cause, depth + 1)
}

/** `/batch` endpoints must never run two at once [doc]. */
const isBatch = (path: string) => path.split("?")[0]?.endsWith("/batch") ?? false

/** `secrets` is read at each use, so tokens issued later are scrubbed too. */
export const makeTransport = (
  config: ClientConfig,
  budget: RequestBudget,
  calls: CallAccounting["Type"],
  secrets: ReadonlySet<string>,
): Transport => {
  const scrub = (text: string) => redact(text, [...secrets])
  const count = (request: HttpRequest, outcome: number | "network") =>
    Effect.flatMap(FiberRef.get(RequestPriority), (priority) =>
      calls.record({ system: config.system, method: request.method, template: request.template, outcome }, priority),
    )

  const classify = (answer: HttpAnswer, now: number): Effect.Effect<HttpAnswer, CallFailure> => {
    const { status } = answer
    if (status >= 200 && status < 300) return Effect.succeed(answer)
    const reason = scrub(config.reasonOf(status, answer.text))
    if (status === 429) {
      // Every caller waits out a `Retry-After`. Without one the budget starts again from an empty bucket (calls resume
      // at the sustained rate, never in a burst) and this call backs off exponentially (retrySchedule).
      const waitMs = retryAfterMs(answer.headers.get("retry-after"), now)
      return budget
        .holdUntil(now + (waitMs ?? 0))
        .pipe(Effect.zipRight(Effect.fail(new Throttled({ retryAfterMs: waitMs, reason }))))
    }
    if (status === 401) return Effect.fail(new Unauthorized({ reason }))
    if (status >= 500) return Effect.fail(new Unavailable({ status, reason }))
    return Effect.fail(new Refused({ status, reason }))
  }

  const exchange = (request: HttpRequest, token: string | null) =>
    Effect.tryPromise({
      try: async (signal) => {
        const response = await config.fetch(urlOf(config.baseUrl, request), initOf(request, token, signal))
        return { status: response.status, headers: response.headers, text: await response.text() }
      },
      catch: (cause): CallFailure => {
        if (isConnectionRefused(cause)) {
          const url = new URL(urlOf(config.baseUrl, request)).origin
          return new ConnectionRefused({ url, reason: `cannot be reached at ${url} (connection refused)` })
        }
        return new Unreachable({ reason: scrub(cause instanceof Error ? cause.message : String(cause)) })
      },
    }).pipe(
      Effect.timeoutFail({
        duration: config.timeout,
        onTimeout: () => new Unreachable({ reason: `no answer within ${Duration.format(config.timeout)}` }),
      }),
    )

  /**
   * One attempt: waits for the budget, takes the token, sends, counts the call, sorts the answer. A token call needed
   * then goes out on this attempt's permit (a permit is counted when it is given, so the call it was given for must
   * go at once), and the attempt waits for another one.
   */
  const attempt = Effect.fn("HttpClient.attempt")(function* <E>(
    request: HttpRequest,
    token: Effect.Effect<string | null, E>,
  ) {
    const once = Effect.gen(function* () {
      const priority = yield* FiberRef.get(RequestPriority)
      const inHand = yield* FiberRef.get(PermitInHand)
      if (inHand !== null && !inHand.taken) inHand.taken = true
      else yield* budget.acquire(priority)
      const mine = { taken: false }
      const bearer = yield* Effect.locally(token, PermitInHand, mine)
      if (mine.taken) yield* budget.acquire(priority)
      const answer = yield* exchange(request, bearer).pipe(Effect.tapError(() => count(request, "network")))
      yield* count(request, answer.status)
      return yield* classify(answer, yield* Clock.currentTimeMillis)
    })
    return yield* isBatch(request.path) ? budget.exclusive(once) : once
  })

  const scrubbed = ({ system, resource, field, reason }: ResponseMalformed) =>
    new ResponseMalformed({ system, resource, field: scrub(field), reason: scrub(reason) })

  const decode =
    <A>(decoder: Decoder<A>, resource: string) =>
    (answer: HttpAnswer): Effect.Effect<A, ResponseMalformed> => {
      const decodeBody = decodeAnswer(decoder, config.system, resource)
      return decodeBody(answer.text).pipe(Effect.mapError(scrubbed))
    }

  return {
    system: config.system,
    retry: config.retry,
    attempt,
    sendAnonymous: (request) =>
      attempt(request, Effect.succeed(null)).pipe(Effect.retry(retrySchedule(config.retry, request.idempotent))),
    decode,
    scrub,
  }
}

/** The transport with a bearer token on every call. */
export const withBearer = (transport: Transport, bearer: Bearer): HttpClient => {
  const withAnswerLoss = (request: HttpRequest, lost: Ref.Ref<boolean>) =>
    Effect.gen(function* () {
      // The token is taken once the budget lets the call go: the one this attempt sent is forgotten after a 401.
      let sent: string | null = null
      const token = Effect.tap(bearer.get, (given) => {
        sent = given
      })
      return yield* transport
        .attempt(request, token)
        .pipe(
          Effect.tapError((failure) =>
            Effect.all([
              answerMayBeLost(failure) ? Ref.set(lost, true) : Effect.void,
              failure._tag === "Unauthorized" && sent !== null ? bearer.invalidate(sent) : Effect.void,
            ]),
          ),
        )
    }).pipe(Effect.retry(retrySchedule(transport.retry, request.idempotent)))

  const send = Effect.fn("HttpClient.send")(function* (request: HttpRequest) {
    const lost = yield* Ref.make(false)
    return yield* withAnswerLoss(request, lost).pipe(
      Effect.catchTag("Unauthorized", () => withAnswerLoss(request, lost)),
      Effect.catchAll((failure) =>
        Effect.flatMap(Ref.get(lost), (wasLost) =>
          Effect.fail<SendFailure>(
            wasLost && !answerMayBeLost(failure) && request.method !== "GET"
              ? new AnswerLost({ last: failure })
              : failure,
          ),
        ),
      ),
    )
  })

  return { ...transport, send }
}
