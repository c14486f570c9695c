/** A value JSON can carry; JSON columns hold its text form. */
export type Json = string | number | boolean | null | ReadonlyArray<Json> | { readonly [key: string]: Json }

export const toJsonText = (value: unknown): string => {
  const text = JSON.stringify(value)
  // JSON.stringify gives undefined for undefined and functions: storing that would lose the value silently.
  if (text === undefined) throw new TypeError("value has no JSON form")
  return text
}

export const fromJsonText = (text: string): Json => JSON.parse(text) as Json

export const fromNullableJsonText = (text: string | null): Json | null => (text === null ? null : fromJsonText(text))
