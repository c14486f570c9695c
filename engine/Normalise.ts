/**
 * Normalisers: each side's value is put in one canonical form before comparison, so a value that round-trips through
 * either API compares equal and a plan right after an apply is empty.
 */

/** Trimmed text; empty stays empty (Docebo and TO both allow empty names). */
export const text = (value: string | null | undefined): string | null => (value == null ? null : value.trim())

/** E-mail addresses compare case-insensitively. */
export const email = (value: string | null | undefined): string | null =>
  value == null ? null : value.trim().toLowerCase()

export const upper = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed.toUpperCase() : null
}

export const int = (value: number | null | undefined): number | null =>
  value == null || !Number.isFinite(value) ? null : Math.trunc(value)

const timeCache = new Map<string, string>()

/** `9:00`, `09:00` and `09:00:00` are the same time; TO has no seconds, so they are dropped. */
export const time = (value: string | null | undefined): string | null => {
  if (value == null) return null
  let canonical = timeCache.get(value)
  if (canonical === undefined) {
    const match = /^\s*(\d{1,2}):(\d{2})/.exec(value)
    canonical = match ? `${match[1]?.padStart(2, "0")}:${match[2]}` : value.trim()
    // Times of day are few; the cache keeps the hot path from allocating.
    if (timeCache.size < 10_000) timeCache.set(value, canonical)
  }
  return canonical
}

/** A day, also when an API appends a time to it. */
export const day = (value: string | null | undefined): string | null =>
  value == null ? null : value.trim().slice(0, 10)

const zoneAliases: ReadonlyMap<string, string> = new Map([
  ["Z", "UTC"],
  ["GMT", "UTC"],
  ["ETC/UTC", "UTC"],
  ["ETC/GMT", "UTC"],
])
const zoneCache = new Map<string, string>()

/** Canonical IANA zone name (`europe/paris` → `Europe/Paris`, `Etc/UTC` → `UTC`); unknown names are kept trimmed. */
export const timeZone = (value: string | null | undefined): string | null => {
  if (value == null) return null
  const cached = zoneCache.get(value)
  if (cached !== undefined) return cached
  const trimmed = value.trim()
  const alias = zoneAliases.get(trimmed.toUpperCase())
  let canonical = alias ?? trimmed
  if (alias === undefined && trimmed !== "") {
    try {
      canonical = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone
    } catch {
      canonical = trimmed
    }
  }
  if (canonical === "Etc/UTC" || canonical === "Etc/GMT") canonical = "UTC"
  zoneCache.set(value, canonical)
  return canonical
}

/** Docebo names languages (`english`), TO uses ISO 639-1 codes (`en`); both compare as the ISO code. */
const languageCodes: ReadonlyMap<string, string> = new Map(
  Object.entries({
    english: "en",
    french: "fr",
    german: "de",
    italian: "it",
    spanish: "es",
    portuguese: "pt",
    "portuguese-br": "pt-br",
    dutch: "nl",
    polish: "pl",
    russian: "ru",
    japanese: "ja",
    chinese: "zh",
    simplified_chinese: "zh",
    swedish: "sv",
    danish: "da",
    norwegian: "no",
    finnish: "fi",
    turkish: "tr",
    arabic: "ar",
  }),
)

export const language = (value: string | null | undefined): string | null => {
  if (value == null) return null
  const key = value.trim().toLowerCase()
  return languageCodes.get(key) ?? key
}

/** Sorted, de-duplicated ids: a set compares equal whatever order either API lists it in. */
export const idSet = (values: ReadonlyArray<string>): ReadonlyArray<string> =>
  values.length <= 1 ? values : [...new Set(values)].sort()

/** Case- and space-insensitive text for natural keys used in adoption. */
export const naturalKey = (...parts: ReadonlyArray<string | null | undefined>): string =>
  parts.map((part) => (part ?? "").trim().toLowerCase().replace(/\s+/g, " ")).join("|")
