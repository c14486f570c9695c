import type { DoceboEvent, DoceboSession } from "./Types.ts"

/** Docebo writes timestamps in UTC as `YYYY-MM-DD HH:mm:ss`. */
export const doceboDateTime = (ms: number): string => new Date(ms).toISOString().replace("T", " ").slice(0, 19)

/** Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:mm:ss` (UTC) or ISO-8601; NaN when unreadable. */
export const parseDoceboDate = (value: string): number => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`)
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return Date.parse(`${value.replace(" ", "T")}Z`)
  return Date.parse(value)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  const cached = formatters.get(timeZone)
  if (cached) return cached
  const made = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  })
  formatters.set(timeZone, made)
  return made
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`. */
const offsetAt = (utcMs: number, timeZone: string): number => {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) parts[part.type] = Number(part.value)
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
  return wall - Math.floor(utcMs / 1000) * 1000
}

const conversions = new Map<string, string>()

/** A wall-clock `day` + `time` in `timeZone`, as Docebo's UTC `YYYY-MM-DD HH:mm:ss`. */
export const wallTimeToDocebo = (day: string, time: string, timeZone: string): string => {
  const key = `${timeZone} ${day} ${time}`
  const cached = conversions.get(key)
  if (cached) return cached
  const asIfUtc = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}Z`)
  const firstGuess = asIfUtc - offsetAt(asIfUtc, timeZone)
  // A second pass lands on the right side of a daylight-saving change between the guess and the answer.
  const utc = asIfUtc - offsetAt(firstGuess, timeZone)
  const converted = doceboDateTime(utc)
  if (conversions.size > 100_000) conversions.clear()
  conversions.set(key, converted)
  return converted
}

/**
 * Docebo's `schedule.offset` [seen: "GMT +02:00"]: how far `timeZone` is ahead of UTC at the wall time `day` `time`
 * there, so a summer event and a winter one of the same zone answer different offsets.
 */
export const gmtOffset = (day: string, time: string, timeZone: string): string => {
  const wall = Date.parse(`${day}T${time}Z`)
  const utc = Date.parse(`${wallTimeToDocebo(day, time, timeZone).replace(" ", "T")}Z`)
  const minutes = Math.round((wall - utc) / 60_000)
  const size = Math.abs(minutes)
  const hours = String(Math.floor(size / 60)).padStart(2, "0")
  return `GMT ${minutes < 0 ? "-" : "+"}${hours}:${String(size % 60).padStart(2, "0")}`
}

export const minutesBetween = (begin: string, end: string): number => {
  const toMinutes = (time: string) => {
    const [hours = 0, minutes = 0] = time.split(":").map(Number)
    return hours * 60 + minutes
  }
  return toMinutes(end) - toMinutes(begin)
}

/** Docebo derives a session's start and end (UTC) from its events; null when it has none. */
export const sessionDatesOf = (
  events: readonly Pick<DoceboEvent, "day" | "time_begin" | "time_end" | "timezone">[],
): Pick<DoceboSession, "date_start" | "date_end"> => {
  let start: string | null = null
  let end: string | null = null
  for (const event of events) {
    const begins = wallTimeToDocebo(event.day, event.time_begin, event.timezone)
    const ends = wallTimeToDocebo(event.day, event.time_end, event.timezone)
    if (start === null || begins < start) start = begins
    if (end === null || ends > end) end = ends
  }
  return { date_start: start, date_end: end }
}
