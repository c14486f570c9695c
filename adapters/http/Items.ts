/**
 * A listing's items decoded one by one, so that one record a vendor sends in a shape iltsync cannot read fails alone
 * rather than the whole listing. What could not be decoded is named by its field and the value found there.
 */
import { Either, ParseResult } from "effect"
import type { ParseOptions } from "effect/SchemaAST"
import { fieldPath } from "./Decode.ts"

/** What `Schema.decodeUnknownEither(schema)` returns, made once per schema at module level. */
export type ItemDecoder<A> = (input: unknown, options?: ParseOptions) => Either.Either<A, ParseResult.ParseError>

/** One item that could not be decoded. */
export interface Rejected {
  /** The item's place in its page. */
  readonly index: number
  /** Where in the item it went wrong (`day`, `schedule.date`); `item` when the item itself is not a record. */
  readonly field: string
  /** What was found there, as JSON, or `missing`. Not scrubbed of secrets nor cut short yet: see `shownValue`. */
  readonly found: string
  /** The item as received, to read its id from. */
  readonly item: unknown
}

/**
 * The value at an issue's path in the item as received. A vendor record's dotted key (`schedule.date`) names a nested
 * value (VendorRecord.ts), so it is followed part by part; a null object on the way is a null value, as it reads.
 */
export const valueAt = (item: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path
    .flatMap((key): ReadonlyArray<PropertyKey> => (typeof key === "string" ? key.split(".") : [key]))
    .reduce<unknown>(
      (node, key) =>
        node === null ? null : typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined,
      item,
    )

export const asJson = (value: unknown): string =>
  value === undefined ? "missing" : (JSON.stringify(value) ?? String(value))

const longest = 60

/** A found value as a message shows it: scrubbed first (a secret cut in two would no longer be found), then cut short. */
export const shownValue = (found: string, scrub: (text: string) => string): string => {
  const text = scrub(found)
  return text.length > longest ? `${text.slice(0, longest)}…` : text
}

const rejectedAt = (index: number, item: unknown, error: ParseResult.ParseError): Rejected => {
  const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const path = first?.path ?? []
  return { index, field: path.length === 0 ? "item" : fieldPath(path), found: asJson(valueAt(item, path)), item }
}

/** The items that decode, and where each of the others went wrong. */
export const decodeEach = <A>(
  decode: ItemDecoder<A>,
  items: ReadonlyArray<unknown>,
): { readonly decoded: ReadonlyArray<A>; readonly rejected: ReadonlyArray<Rejected> } => {
  const decoded: A[] = []
  const rejected: Rejected[] = []
  items.forEach((item, index) => {
    const result = decode(item, { errors: "first" })
    if (Either.isRight(result)) decoded.push(result.right)
    else rejected.push(rejectedAt(index, item, result.left))
  })
  return { decoded, rejected }
}

/** An item's id as the vendor sent it under `key` (a number or numeric text), or null when it has none readable. */
export const rawId = (item: unknown, key: string): string | null => {
  const value = typeof item === "object" && item !== null ? (item as Record<string, unknown>)[key] : undefined
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value)
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return String(Number(value.trim()))
  return null
}
