import { atomizeChangeset, diff } from "json-diff-ts"
import type { Change, Value } from "../Plan.ts"
import type { Canonical } from "./Canonical.ts"
import { changedPaths } from "./ChangedPaths.ts"

/** `$.events[?(@.slot=='s1')].instructors[?(@=='u3')]` → `events[s1].instructors`: sets change as a whole. */
const toPlanPath = (jsonPath: string): string =>
  jsonPath
    .replace(/^\$\./, "")
    .replace(/\[\?\(@=='(?:[^']|'')*'\)\]/g, "")
    .replace(/\[\?\(@\.[^=]+=='((?:[^']|'')*)'\)\]/g, (_, key: string) => `[${key.replace(/''/g, "'")}]`)

const segment = /([^.[\]]+)(?:\[([^\]]*)\])?/g

/** Reads a plan path back out of a canonical record (items addressed by their key field). */
const read = (record: Canonical, path: string, itemKeys: Readonly<Record<string, string>>): Value => {
  let current: Value = record
  for (const match of path.matchAll(segment)) {
    const [, name, key] = match
    if (current === null || typeof current !== "object" || Array.isArray(current) || name === undefined) return null
    current = (current as Canonical)[name] ?? null
    if (key !== undefined) {
      const keyField = itemKeys[name]
      if (!Array.isArray(current) || keyField === undefined) return null
      const list = current as ReadonlyArray<Canonical>
      current = list.find((item) => item[keyField] === key) ?? null
    }
  }
  return current
}

/**
 * Field-level changes that turn `from` into `to`, computed with json-diff-ts so that nested lists are matched by
 * key rather than position. Values are read back from the records, so a type change (null → value) is one change
 * and a changed set is one change with both whole sets.
 */
export const changesBetween = (
  from: Canonical,
  to: Canonical,
  itemKeys: Readonly<Record<string, string>>,
): ReadonlyArray<Change> => {
  const embeddedObjKeys: Record<string, string> = {}
  for (const record of [from, to]) {
    for (const field of Object.keys(record)) {
      if (Array.isArray(record[field]) && itemKeys[field] === undefined) embeddedObjKeys[field] = "$value"
    }
  }
  for (const name of Object.keys(itemKeys)) {
    embeddedObjKeys[name] = itemKeys[name] as string
    // Lists of plain values inside items (e.g. an event's instructors) are sets: compare them by value.
    for (const record of [from, to]) {
      const first = (record[name] as ReadonlyArray<Canonical> | undefined)?.[0]
      if (first === undefined) continue
      for (const field of Object.keys(first)) {
        if (Array.isArray(first[field])) embeddedObjKeys[`${name}.${field}`] = "$value"
      }
    }
  }
  // Shapes the rules produce are compared directly; json-diff-ts only decides the rest (see ChangedPaths.ts).
  let paths = changedPaths(from, to, itemKeys, embeddedObjKeys)
  if (paths === undefined) {
    paths = new Set<string>()
    for (const atom of atomizeChangeset(diff(from, to, { embeddedObjKeys }))) paths.add(toPlanPath(atom.path))
  }
  return [...paths].sort().map((path) => ({ path, from: read(from, path, itemKeys), to: read(to, path, itemKeys) }))
}

/** A create writes every mapped field; items are listed one change each so the plan reads like an update. */
export const changesOfCreate = (
  record: Canonical,
  itemKeys: Readonly<Record<string, string>>,
): ReadonlyArray<Change> => {
  const changes: Array<Change> = []
  for (const name of Object.keys(record).sort()) {
    const value = record[name] ?? null
    const keyField = itemKeys[name]
    if (keyField !== undefined && Array.isArray(value)) {
      for (const item of value as ReadonlyArray<Canonical>) {
        changes.push({ path: `${name}[${String(item[keyField])}]`, from: null, to: item })
      }
    } else changes.push({ path: name, from: null, to: value })
  }
  return changes
}
