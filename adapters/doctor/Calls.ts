/**
 * The doctor's calls: reads only, each through the adapter's own client (token, budget, call accounting, scrubbing),
 * none started once the doctor's share of calls is spent, and every way a call can fail told as an observation.
 */
import { Data, Effect, Either, ParseResult } from "effect"
import type { HttpClient } from "../http/Client.ts"
import { fieldPath } from "../http/Decode.ts"
import { type SendFailure, statusOf, type TokenFailure } from "../http/Failure.ts"
import { asJson, type ItemDecoder, shownValue, valueAt } from "../http/Items.ts"
import { get, type Route } from "../http/Request.ts"
import type { Bearer } from "../http/Token.ts"
import type { Capability, Difference, Observation } from "./Finding.ts"

/** The doctor's calls are spent: it starts no more. */
export class CallsSpent extends Data.TaggedError("CallsSpent")<{ readonly limit: number }> {}

/** An answer that is not JSON at all. */
export class NotJson extends Data.TaggedError("NotJson")<{ readonly reason: string }> {}

/** An answer whose envelope (`data.items`, …) is not what the adapter reads. */
export class AnswerDiffers extends Data.TaggedError("AnswerDiffers")<{
  readonly differences: ReadonlyArray<Difference>
}> {}

export type CallProblem = SendFailure | CallsSpent | NotJson | AnswerDiffers

export interface DoctorClient {
  /** Asks for the token now (the token probe), as every other call would. */
  readonly token: Effect.Effect<void, TokenFailure | CallsSpent>
  /** One GET, its answer parsed as JSON. */
  readonly getJson: (route: Route, query?: Record<string, string | number>) => Effect.Effect<unknown, CallProblem>
  readonly scrub: (text: string) => string
}

/**
 * `mayCall` says whether another call may start: the doctor stops short of its limit rather than after it, leaving
 * room for what one call can cost at worst (a token fetched again after a 401, and the call sent again).
 */
export const makeDoctorClient = (
  client: HttpClient,
  bearer: Bearer,
  mayCall: Effect.Effect<boolean>,
  limit: number,
): DoctorClient => {
  const guarded = <A, E>(call: Effect.Effect<A, E>): Effect.Effect<A, E | CallsSpent> =>
    Effect.flatMap(
      mayCall,
      (may): Effect.Effect<A, E | CallsSpent> => (may ? call : Effect.fail(new CallsSpent({ limit }))),
    )
  return {
    token: guarded(Effect.asVoid(bearer.get)),
    getJson: (route, query = {}) =>
      guarded(client.send(get(route, query))).pipe(
        Effect.flatMap((answer) =>
          Effect.try({
            try: () => JSON.parse(answer.text) as unknown,
            catch: () =>
              new NotJson({
                reason: answer.text.trimStart().startsWith("<") ? "an HTML page, not JSON" : "not JSON",
              }),
          }),
        ),
      ),
    scrub: client.scrub,
  }
}

/** How a call that did not answer as hoped reads in the report. Reasons come scrubbed from the client. */
export const observeProblem = (problem: CallProblem | TokenFailure): Observation => {
  switch (problem._tag) {
    case "CallsSpent":
      // Not seen to work: a required capability left so fails the run rather than pass unverified.
      return { status: "failed", detail: `not tried: the doctor's ${problem.limit} calls are spent` }
    case "NotJson":
      return {
        status: "differs",
        detail: `the answer is ${problem.reason}`,
        differences: [{ path: "body", found: problem.reason, records: 1 }],
      }
    case "AnswerDiffers":
      return { status: "differs", detail: "the answer's envelope differs", differences: problem.differences }
    case "ConnectionRefused":
      return { status: "failed", detail: problem.reason }
    case "NotAuthenticated":
      return { status: "failed", detail: problem.reason }
  }
  const last = problem._tag === "AnswerLost" ? problem.last : problem
  const status = statusOf(last)
  if (status === 404 || status === 405) return { status: "missing", detail: `answered ${status}` }
  if (status === 403) return { status: "missing", detail: "answered 403: the API user may not call it" }
  if (last._tag === "Refused") {
    return {
      status: "differs",
      detail: `refused iltsync's request: ${status} ${last.reason}`,
      differences: [{ path: "request", found: `${status}: ${last.reason}`, records: 1 }],
    }
  }
  return { status: "failed", detail: status === undefined ? last.reason : `answered ${status}: ${last.reason}` }
}

/**
 * Where a sampled value is not what a decoder reads, and what was found there: every issue, not the first only, each
 * path once.
 */
export const differencesOf = (
  error: ParseResult.ParseError,
  input: unknown,
  scrub: (text: string) => string,
): ReadonlyArray<Difference> => {
  const seen = new Map<string, Difference>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = issue.path.length === 0 ? "(record)" : fieldPath(issue.path)
    if (!seen.has(path)) {
      seen.set(path, { path, found: shownValue(asJson(valueAt(input, issue.path)), scrub), records: 1 })
    }
  }
  return [...seen.values()]
}

/** The differences of many records as one list: each path once, with the first value found and how many records. */
export const mergeDifferences = (lists: ReadonlyArray<ReadonlyArray<Difference>>): ReadonlyArray<Difference> => {
  const merged = new Map<string, Difference>()
  for (const difference of lists.flat()) {
    const known = merged.get(difference.path)
    merged.set(
      difference.path,
      known === undefined ? difference : { ...known, records: known.records + difference.records },
    )
  }
  return [...merged.values()]
}

/** A sample decoded item by item with a decoder of the adapter's: what decodes, and where the others differ. */
export interface Sample<A> {
  readonly raw: ReadonlyArray<unknown>
  readonly decoded: ReadonlyArray<A>
  readonly differences: ReadonlyArray<Difference>
}

export const decodeSample = <A>(
  decode: ItemDecoder<A>,
  items: ReadonlyArray<unknown>,
  scrub: (text: string) => string,
): Sample<A> => {
  const decoded: A[] = []
  const differences: Array<ReadonlyArray<Difference>> = []
  for (const item of items) {
    const result = decode(item, { errors: "all" })
    if (Either.isRight(result)) decoded.push(result.right)
    else differences.push(differencesOf(result.left, item, scrub))
  }
  return { raw: items, decoded, differences: mergeDifferences(differences) }
}

/** `1 session`, `3 sessions`: `noun` is the plural, `one` the singular when it is not the plural less its `s`. */
export const counted = (n: number, noun: string, one = noun.replace(/s$/, "")) => `${n} ${n === 1 ? one : noun}`

/**
 * A decoded sample as an observation: `ok` when every record decodes, else `differs` naming the paths. `what` is the
 * records' plural and where they come from: `["sessions", "of course 101"]`.
 */
export const observeSample = (sample: Sample<unknown>, [noun, where = ""]: readonly [string, string?]): Observation => {
  const of = where === "" ? "" : ` ${where}`
  return sample.differences.length === 0
    ? { status: "ok", detail: `${counted(sample.raw.length, noun)}${of} read` }
    : {
        status: "differs",
        detail: `${sample.raw.length - sample.decoded.length} of ${counted(sample.raw.length, noun)}${of} differ`,
        differences: sample.differences,
      }
}

/** A system's token, asked for first: every other probe of that system runs after it. */
export const tokenCapability = <C extends { readonly client: DoctorClient }>(token: {
  readonly system: "docebo" | "to"
  readonly name: string
  readonly endpoint: string
  /** The setting an operator checks when no token comes (DOCEBO_URL, TO_URL). */
  readonly urlSetting: string
}): Capability<C> => ({
  id: `${token.system}.token`,
  name: token.name,
  system: token.system,
  endpoint: token.endpoint,
  required: true,
  probe: (context) =>
    context.client.token.pipe(
      Effect.as<Observation>({ status: "ok", detail: "a token was issued" }),
      Effect.catchAll((problem) => Effect.succeed(observeProblem(problem))),
    ),
  willDo: {
    ok: "every call carries it; it is renewed before it expires",
    failed: `nothing can be read: check ${token.urlSetting} and the credentials (\`iltsync credentials set\`)`,
  },
})
