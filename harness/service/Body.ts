/**
 * Request bodies (at most 1 MiB of UTF-8, JSON at most 32 levels deep), query strings and path parameters decoded
 * with Effect Schema. A refusal is a 400 naming every offending field the way a caller writes it
 * (`trainers[0].email`); unknown fields are refused too, so a misspelt option is never silently ignored, and so is
 * any text with a control character or over the length its field allows.
 */
import { isUtf8 } from "node:buffer"
import type { IncomingMessage } from "node:http"
import { Either, ParseResult, Schema, type SchemaAST } from "effect"
import type { Context, MiddlewareHandler } from "hono"
import { badInput, type FieldError, Problem } from "./Problem.ts"

export const maxBodyBytes = 1024 * 1024

const tooLarge = () => new Problem(413, "the request body is larger than 1 MiB")

/** The Node request behind `c` when @hono/node-server serves it; none for an in-process `app.request`. */
const incomingOf = (c: Context): IncomingMessage | undefined =>
  (c.env as { readonly incoming?: IncomingMessage } | undefined)?.incoming

/**
 * Refuses a body declared larger than the limit before anything is read; one sent without a length is measured as
 * it is read (`readText`). Hono's `bodyLimit` is not used: it asks for `c.req.raw.body`, which makes the Node server
 * build a WHATWG Request and stream for every request, the largest cost of a webhook's acceptance in the profile.
 */
export const limitBody: MiddlewareHandler = async (c, next) => {
  const declared = incomingOf(c)?.headers["content-length"] ?? c.req.header("content-length")
  if (declared !== undefined && Number(declared) > maxBodyBytes) throw tooLarge()
  return next()
}

const readIncoming = (incoming: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
      if (size <= maxBodyBytes) return
      // The rest is let through unread; the 413 goes out as soon as the handler throws.
      incoming.off("data", onData)
      reject(tooLarge())
    }
    incoming.on("data", onData)
    incoming.once("end", () => resolve(Buffer.concat(chunks, size)))
    incoming.once("error", reject)
  })

const bodies = new WeakMap<IncomingMessage, Promise<Buffer>>()

/**
 * The body's bytes as sent, read from the socket's stream where there is one (once, however often it is asked for).
 * A webhook's signature is checked over these: text decoded from them is not always the same bytes again.
 */
export const readBytes = async (c: Context): Promise<Buffer> => {
  const incoming = incomingOf(c)
  if (incoming === undefined) {
    const bytes = Buffer.from(await c.req.arrayBuffer())
    if (bytes.length > maxBodyBytes) throw tooLarge()
    return bytes
  }
  const read = bodies.get(incoming) ?? readIncoming(incoming)
  bodies.set(incoming, read)
  return read
}

/**
 * The body as UTF-8 text. Bytes that are not UTF-8 are refused rather than read as U+FFFD: the replacement would
 * be stored, logged and written to Docebo and TO as part of a name.
 */
export const readText = async (c: Context): Promise<string> => {
  const bytes = await readBytes(c)
  if (!isUtf8(bytes)) throw badInput([{ field: "body", message: "is not valid UTF-8" }])
  return bytes.toString("utf8")
}

const fieldName = (path: ReadonlyArray<PropertyKey>, root: string): string => {
  if (path.length === 0) return root
  return path.reduce<string>((name, key, index) => {
    if (typeof key === "number") return `${name}[${key}]`
    return index === 0 ? String(key) : `${name}.${String(key)}`
  }, "")
}

/**
 * Schema's own messages end with the value received (`Expected string, actual "…"`): that part is cut, because a
 * refused value may be a secret (a password in a credentials body).
 */
const withoutValue = (message: string) => message.replace(/,?\s*actual\b[\s\S]*$/, "").trim()

/** An optional field is `T | undefined`: the `undefined` branch's refusal only repeats the real one. */
const repeatsAnother = (message: string) => message === "Expected undefined"

const fieldErrors = (error: ParseResult.ParseError, root: string): ReadonlyArray<FieldError> => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    field: fieldName(issue.path, root),
    message:
      issue._tag === "Unexpected"
        ? "is not a known field"
        : issue._tag === "Missing"
          ? "is missing"
          : withoutValue(issue.message),
  }))
  const telling = issues.filter((issue) => !repeatsAnother(issue.message))
  return telling.length > 0 ? telling : issues
}

/** Decodes `input` or throws a 400 naming the fields; `lenient` lets unknown fields through (a vendor's envelope). */
export const decodeOrRefuse = <A, I>(
  schema: Schema.Schema<A, I>,
  input: unknown,
  root = "body",
  lenient = false,
): A => {
  const decoded = Schema.decodeUnknownEither(schema, {
    errors: "all",
    onExcessProperty: lenient ? "ignore" : "error",
  })(input)
  if (Either.isLeft(decoded)) throw badInput(fieldErrors(decoded.left, root))
  return decoded.right
}

/**
 * How deeply a body's objects and arrays may nest: several times what any operator body or vendor envelope needs,
 * and far below what overflows the stack of `JSON.stringify` or a recursive walk of the value (about 10,000 levels
 * in Node), which would answer 500 and have a sender retry the same body forever.
 */
export const maxJsonDepth = 32

/**
 * Whether the JSON text nests deeper than `limit`, counted on the text before it is parsed: brackets inside strings
 * do not count, and an escaped quote does not end a string.
 */
const nestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0
  let inString = false
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (inString) {
      if (code === 0x5c) at++
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x7b || code === 0x5b) {
      depth++
      if (depth > limit) return true
    } else if (code === 0x7d || code === 0x5d) depth--
  }
  return false
}

/** The JSON body; an empty body is `{}` for routes whose fields are all optional. */
export const readJson = async (c: Context): Promise<unknown> => parseJson(await readText(c))

/** Every JSON body, an operator's or a webhook's, is parsed here. */
export const parseJson = (text: string): unknown => {
  if (text.trim() === "") return {}
  if (nestsDeeperThan(text, maxJsonDepth)) {
    throw badInput([{ field: "body", message: `nests deeper than ${maxJsonDepth} levels` }])
  }
  try {
    return JSON.parse(text)
  } catch {
    throw badInput([{ field: "body", message: "is not valid JSON" }])
  }
}

/**
 * No text an operator sends may be longer than this, whatever its field (a secret, a query parameter): fields with a
 * meaning have tighter limits of their own (`Text`, `NonEmptyId`).
 */
export const maxStringLength = 4096

/**
 * Every text in an operator's input that `issue` finds fault with, named like a schema's refusal. The input is at
 * most `maxJsonDepth` deep, so the recursion is bounded.
 */
const textIssues = (
  value: unknown,
  root: string,
  issue: (text: string) => string | null,
  path: ReadonlyArray<PropertyKey> = [],
): FieldError[] => {
  if (typeof value === "string") {
    const message = issue(value)
    return message === null ? [] : [{ field: fieldName(path, root), message }]
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => textIssues(item, root, issue, [...path, index]))
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => textIssues(item, root, issue, [...path, key]))
  }
  return []
}

/**
 * A control character (C0, DEL, C1: a NUL, an escape sequence, a line break inside a name) has no place in anything
 * an operator sends. Spaces and line breaks around a text are let through: the schemas of names, codes and ids trim
 * them, and a code pasted with its line break is still the code.
 */
const controlCharacters = (text: string) => (/\p{Cc}/u.test(text.trim()) ? "must not contain control characters" : null)

const overLong = (text: string) =>
  text.length > maxStringLength ? `must be at most ${maxStringLength} characters` : null

/**
 * An operator's input (body, query, path parameter): control characters are refused wherever they are, then the
 * schema decodes it (with its own, tighter limits), then no text may be over the general limit.
 */
const decodeOperatorInput = <A, I>(schema: Schema.Schema<A, I>, input: unknown, root: string): A => {
  const control = textIssues(input, root, controlCharacters)
  if (control.length > 0) throw badInput(control)
  const decoded = decodeOrRefuse(schema, input, root)
  const long = textIssues(input, root, overLong)
  if (long.length > 0) throw badInput(long)
  return decoded
}

export const decodeBody = async <A, I>(c: Context, schema: Schema.Schema<A, I>): Promise<A> =>
  decodeOperatorInput(schema, await readJson(c), "body")

/**
 * The body of a route that takes no fields: none, or `{}`. A field given is refused by name, as any other body's
 * unknown field is (a schema with no fields would let every field through).
 */
export const decodeEmptyBody = async (c: Context): Promise<void> => {
  const body = await readJson(c)
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badInput([{ field: "body", message: "must be an object with no fields" }])
  }
  const fields = Object.keys(body)
  if (fields.length > 0) throw badInput(fields.map((field) => ({ field, message: "is not a known field" })))
}

/** Query parameters given once (the last wins when repeated), decoded like a body. */
export const decodeQuery = <A, I>(c: Context, schema: Schema.Schema<A, I>): A =>
  decodeOperatorInput(schema, c.req.query(), "query")

/** A path parameter (`/trainers/{userId}`), decoded like a body's field of that name. */
export const decodeParam = <A, I>(c: Context, name: string, schema: Schema.Schema<A, I>): A =>
  decodeOperatorInput(schema, c.req.param(name), name)

const maxTextLength = 200

/** A name or title: text with something in it besides spaces, trimmed. */
export const Text = Schema.Trim.pipe(
  Schema.nonEmptyString({ message: () => "must not be empty" }),
  Schema.maxLength(maxTextLength, { message: () => `must be at most ${maxTextLength} characters` }),
)

/** RFC 5321 caps an address at 254 characters. */
export const Email = Schema.Trim.pipe(
  Schema.maxLength(254, { message: () => "must be at most 254 characters" }),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "must be an e-mail address" }),
)

/** An id or a code, trimmed. */
export const NonEmptyId = Schema.Trim.pipe(
  Schema.nonEmptyString({ message: () => "must not be empty" }),
  Schema.maxLength(maxTextLength, { message: () => `must be at most ${maxTextLength} characters` }),
)

/** A whole number as JSON or as text gives it, as the digits the store keeps (`1101`); null for anything else. */
const wholeNumber = (value: unknown): string | null => {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : null
  if (text === null || !/^\d+$/.test(text)) return null
  const number = Number(text)
  return Number.isSafeInteger(number) ? String(number) : null
}

const refused = (ast: SchemaAST.AST, value: unknown, message: string) =>
  ParseResult.fail(new ParseResult.Type(ast, value, message))

/**
 * A Docebo id (a user's): Docebo's API lists them as JSON numbers (`"user_id": 1101`) and iltsync shows them as
 * text, so an operator may paste either.
 */
export const DoceboId = Schema.transformOrFail(Schema.Unknown, Schema.String, {
  strict: true,
  decode: (value, _, ast) => {
    const id = wholeNumber(value)
    return id === null ? refused(ast, value, "must be a Docebo id: a whole number") : ParseResult.succeed(id)
  },
  encode: ParseResult.succeed,
})

/**
 * An id of either system, or one iltsync gave (`prv_academy`, `req_000000000001`): text, or a whole number as an API
 * that numbers its records lists it, kept as its digits.
 */
export const VendorId = Schema.compose(
  Schema.transformOrFail(Schema.Unknown, Schema.String, {
    strict: true,
    decode: (value, _, ast) => {
      if (typeof value === "string") return ParseResult.succeed(value)
      const id = wholeNumber(value)
      return typeof value === "number" && id !== null
        ? ParseResult.succeed(id)
        : refused(ast, value, "must be an id: text or a whole number")
    },
    encode: ParseResult.succeed,
  }),
  NonEmptyId,
)

/** A list with at least one item (an empty one is refused as a whole, not as a missing first item). */
export const NonEmptyList = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Array(item).pipe(Schema.minItems(1, { message: () => "must not be empty" }))
