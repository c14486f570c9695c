/**
 * What iltsync created on each side, by the id it stamped on each record, or by its natural key where Docebo keeps no
 * stamp (events, locations, classrooms): two records with one key are a duplicate. A natural key may be shared by
 * records that are not copies of one another (two TO rooms of one location with the same name, or a room renamed in
 * TO while a run applies, to the old name of another): Docebo may hold as many records with a key as TO has masters
 * with it, or as it held before the run (`before`), and only the ones beyond are duplicates.
 */
import { stampOfCode } from "../../engine/Stamps.ts"
import type { DoceboState } from "../../simulators/docebo/index.ts"
import type { ToState } from "../../simulators/training-orchestra/index.ts"

const key = (...parts: ReadonlyArray<string | null | undefined>) =>
  parts.map((part) => (part ?? "").trim().toLowerCase()).join("|")

const tally = (keys: ReadonlyArray<string>): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const each of keys) counts.set(each, (counts.get(each) ?? 0) + 1)
  return counts
}

interface Keyed {
  readonly key: string
  readonly id: number
}

/**
 * Each record's key, numbered up to the number it is allowed (its masters', or its records' that were there before):
 * the records beyond repeat a number, and so show as duplicates.
 */
const numbered = (
  what: string,
  records: ReadonlyArray<Keyed>,
  masters: (key: string) => number,
  existed: ReadonlySet<number>,
) => {
  const old = tally(records.filter((record) => existed.has(record.id)).map((record) => record.key))
  const seen = new Map<string, number>()
  return records.map(({ key: each }) => {
    const n = seen.get(each) ?? 0
    seen.set(each, n + 1)
    const allowed = Math.max(masters(each), old.get(each) ?? 0, 1)
    return `${what}:${each}#${Math.min(n, allowed - 1)}`
  })
}

export const stampsOf = (docebo: DoceboState, to: ToState, before?: DoceboState): ReadonlyArray<string> => {
  // Ids iltsync's creates were given depend on the order of its writes: records are named by stamps and keys alone.
  const sessionKey = new Map(docebo.sessions.map((s) => [s.id, stampOfCode(s.code) ?? `docebo:${s.id}`]))
  const locationKey = new Map(docebo.locations.map((l) => [l.id_location, key(l.name, l.address)]))
  const toLocationKey = (l: ToState["locations"][number]) =>
    key(l.name, [l.address.trim(), l.city.trim()].filter((p) => p).join(", "))
  const slots = tally(to.sessions.flatMap((s) => s.sequences.map((slot) => `${s.id}:${slot.day} ${slot.start}:00`)))
  const places = tally(to.locations.map(toLocationKey))
  // A classroom's name is allowed as often as one TO location has rooms of that name (a location renamed in TO while
  // a run applies keeps its old name in Docebo for a moment).
  const rooms = new Map<string, number>()
  for (const [each, count] of tally(
    to.rooms.flatMap((r) => (r.kind === "physical" ? [`${r.location_id}:${key(r.name)}`] : [])),
  )) {
    const name = each.slice(each.indexOf(":") + 1)
    rooms.set(name, Math.max(rooms.get(name) ?? 0, count))
  }
  const existed = (ids: ReadonlyArray<number> | undefined) => new Set(ids ?? [])
  return [
    ...docebo.sessions.flatMap((s) => {
      const stamp = stampOfCode(s.code)
      return stamp ? [`session:${stamp}`] : []
    }),
    ...numbered(
      "event",
      docebo.events.map((e) => ({ key: `${sessionKey.get(e.id_session)}:${e.day} ${e.time_begin}`, id: e.id })),
      (each) => slots.get(each) ?? 0,
      existed(before?.events.map((e) => e.id)),
    ),
    ...numbered(
      "location",
      docebo.locations.map((l) => ({ key: locationKey.get(l.id_location) ?? "", id: l.id_location })),
      (each) => places.get(each) ?? 0,
      existed(before?.locations.map((l) => l.id_location)),
    ),
    ...numbered(
      "classroom",
      docebo.classrooms.map((c) => ({
        key: `${locationKey.get(c.id_location)}:${key(c.name)}`,
        id: c.id_classroom,
      })),
      (each) => rooms.get(each.slice(each.lastIndexOf(":") + 1)) ?? 0,
      existed(before?.classrooms.map((c) => c.id_classroom)),
    ),
    ...to.courses.flatMap((c) => (c.external_ref ? [`course:${c.external_ref}`] : [])),
    ...to.trainers.flatMap((t) => (t.external_ref ? [`trainer:${t.external_ref}`] : [])),
    ...to.rooms.flatMap((r) => (r.kind === "virtual" && r.external_ref ? [`room:${r.external_ref}`] : [])),
  ].sort()
}

export const duplicatesOf = (stamps: ReadonlyArray<string>): ReadonlyArray<string> =>
  stamps.filter((stamp, i) => i > 0 && stamps[i - 1] === stamp)
