import { Effect, Either, ParseResult } from "effect"
import type { ParseOptions } from "effect/SchemaAST"
import { ResponseMalformed } from "../../engine/Errors.ts"
import type { System } from "../../engine/Plan.ts"

/** What `Schema.decodeUnknown(schema)` returns, made once per schema at module level. */
export type Decoder<A> = (input: unknown, options?: ParseOptions) => Effect.Effect<A, ParseResult.ParseError>

/** `data.items[3].id_course`, from a parse issue's path. */
export const fieldPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`
    const name = String(key)
    return text === "" ? name : `${text}.${name}`
  }, "") || "body"

const parseJson = (text: string): Either.Either<unknown, string> => {
  if (text.trim() === "") return Either.left("is empty")
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(text.trimStart().startsWith("<") ? "is an HTML page, not JSON" : "is not valid JSON")
  }
}

const describeIssues = (error: ParseResult.ParseError) => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  const reason = issues
    .slice(0, 3)
    .map((issue) => `${fieldPath(issue.path)}: ${issue.message}`)
    .join("; ")
  return {
    field: first ? fieldPath(first.path) : "body",
    reason: issues.length > 3 ? `${reason}; and ${issues.length - 3} more` : reason,
  }
}

/**
 * Reads an answer's body as JSON and decodes it. Anything else than the promised shape (truncated JSON, an HTML error
 * page, a missing field, a wrong type) is a `ResponseMalformed` naming the resource and the first offending field.
 */
export const decodeAnswer =
  <A>(decode: Decoder<A>, system: System, resource: string) =>
  (text: string): Effect.Effect<A, ResponseMalformed> =>
    Either.match(parseJson(text), {
      onLeft: (reason) => Effect.fail(new ResponseMalformed({ system, resource, field: "body", reason })),
      onRight: (json) =>
        decode(json, { errors: "all" }).pipe(
          Effect.mapError((error) => new ResponseMalformed({ system, resource, ...describeIssues(error) })),
        ),
    })

/** For answers that may carry secrets (a token): names the field and the kind of problem, never the values. */
export const decodeQuietly =
  <A>(decode: Decoder<A>) =>
  (text: string): Effect.Effect<A, string> =>
    Either.match(parseJson(text), {
      onLeft: (reason) => Effect.fail(`the body ${reason}`),
      onRight: (json) =>
        decode(json, { errors: "all" }).pipe(
          Effect.mapError((error) => {
            const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
            return first
              ? `${fieldPath(first.path)} is ${first._tag === "Missing" ? "missing" : "malformed"}`
              : "malformed"
          }),
        ),
    })
