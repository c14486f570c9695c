import type { Value } from "../Plan.ts"
import type { Canonical } from "./Canonical.ts"

/**
 * The plan paths json-diff-ts reports between two canonical records, found without it for the shapes the rules
 * produce: scalar fields, sets of ids, and items keyed by a plain id. It is the costliest step of a changed pair
 * (the json-diff-ts call, its atomised changeset and the path rewriting cost ~50 µs a pair), so it is done directly
 * here, and undefined is returned for anything outside those shapes, which json-diff-ts then decides as before.
 *
 * It mirrors json-diff-ts 4 (`diff` with `treatTypeChangeAsReplace`, then `atomizeChangeset`): a type change or a
 * changed scalar is its field's path; a list registered as `$value` is a set of strings (reported once when the sets
 * differ); items are matched by key, an added or removed item is `name[key]`, a changed field `name[key].field`.
 */
export const changedPaths = (
  from: Canonical,
  to: Canonical,
  itemKeys: Readonly<Record<string, string>>,
  embeddedObjKeys: Readonly<Record<string, string>>,
): Set<string> | undefined => {
  const names = Object.keys(from)
  if (!sameKeys(names, to) || !names.every(isIdentifier)) return undefined
  const paths = new Set<string>()
  for (const name of names) {
    const a = from[name]
    const b = to[name]
    const keyField = itemKeys[name]
    if (keyField !== undefined && Array.isArray(a) && Array.isArray(b)) {
      if (!itemPaths(name, keyField, a, b, embeddedObjKeys, paths)) return undefined
    } else if (keyField !== undefined && (Array.isArray(a) || Array.isArray(b))) {
      if (typeName(a) === typeName(b)) return undefined
      paths.add(name)
    } else {
      const changed = valueChanged(a, b, embeddedObjKeys[name] === "$value")
      if (changed === undefined) return undefined
      if (changed) paths.add(name)
    }
  }
  return paths
}

const sameKeys = (names: ReadonlyArray<string>, record: Canonical): boolean => {
  if (Object.keys(record).length !== names.length) return false
  for (const name of names) if (!Object.hasOwn(record, name)) return false
  return true
}

/** Names json-diff-ts prints as `.name` (and filters as `@.name`). */
const identifier = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const isIdentifier = (name: string) => identifier.test(name)

/** json-diff-ts's type names for the values a canonical record holds; undefined for anything else. */
const typeName = (value: Value | undefined): string | null | undefined => {
  if (value === null) return null
  if (Array.isArray(value)) return "Array"
  switch (typeof value) {
    case "string":
      return "String"
    case "number":
      return "Number"
    case "boolean":
      return "Boolean"
    default:
      return undefined
  }
}

/** Whether one field changed; undefined when json-diff-ts would take a path this does not follow. */
const valueChanged = (a: Value | undefined, b: Value | undefined, isSet: boolean): boolean | undefined => {
  const typeA = typeName(a)
  const typeB = typeName(b)
  if (typeA === undefined || typeB === undefined) return undefined
  if (typeA !== typeB) return true
  if (typeA === null) return false
  if (typeA !== "Array") return a !== b
  if (!isSet) return undefined
  return setsDiffer(a as ReadonlyArray<Value>, b as ReadonlyArray<Value>)
}

/** A `$value` element json-diff-ts keys and prints unchanged: a string with no quote, not a prototype key. */
const plainElement = (value: Value) => typeof value === "string" && !value.includes("'") && value !== "__proto__"

const setsDiffer = (a: ReadonlyArray<Value>, b: ReadonlyArray<Value>): boolean | undefined => {
  for (const value of a) if (!plainElement(value)) return undefined
  for (const value of b) if (!plainElement(value)) return undefined
  for (const value of a) if (!b.includes(value)) return true
  for (const value of b) if (!a.includes(value)) return true
  return false
}

/** An item key json-diff-ts writes into its filter and reads back unchanged. */
const plainKey = /^[^'=()[\]]+$/

const itemPaths = (
  name: string,
  keyField: string,
  from: ReadonlyArray<Value>,
  to: ReadonlyArray<Value>,
  embeddedObjKeys: Readonly<Record<string, string>>,
  paths: Set<string>,
): boolean => {
  if (!isIdentifier(keyField)) return false
  const before = keyedItems(from, keyField)
  const after = keyedItems(to, keyField)
  if (before === undefined || after === undefined) return false
  for (const [key, item] of before) {
    const other = after.get(key)
    if (other === undefined) {
      paths.add(`${name}[${key}]`)
      continue
    }
    const fields = Object.keys(item)
    // json-diff-ts drops the field from the path of a change when the item's key equals the field's name.
    if (!sameKeys(fields, other) || !fields.every(isIdentifier) || fields.includes(key)) return false
    for (const field of fields) {
      const changed = valueChanged(item[field], other[field], embeddedObjKeys[`${name}.${field}`] === "$value")
      if (changed === undefined) return false
      if (changed) paths.add(`${name}[${key}].${field}`)
    }
  }
  for (const key of after.keys()) if (!before.has(key)) paths.add(`${name}[${key}]`)
  return true
}

/** Items by key, when every item is a record with a plain, unique string key. */
const keyedItems = (list: ReadonlyArray<Value>, keyField: string): Map<string, Canonical> | undefined => {
  const byKey = new Map<string, Canonical>()
  for (const item of list) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return undefined
    const record = item as Canonical
    const key = record[keyField]
    if (typeof key !== "string" || !plainKey.test(key) || key === "__proto__" || byKey.has(key)) return undefined
    byKey.set(key, record)
  }
  return byKey
}
