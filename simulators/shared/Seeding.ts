import { type FieldProblem, InvalidFields } from "./Errors.ts"
import { createReader, type FieldSpec, type Parsed } from "./Fields.ts"

/** Reads each record of one collection, collecting problems named like `sessions[3].name`, with unique ids. */
export const readCollection = <S extends FieldSpec>(
  seed: Record<string, unknown>,
  name: string,
  spec: S,
  defaults: Partial<Parsed<S>>,
  idField: keyof S & string,
  problems: FieldProblem[],
  ignored: readonly string[] = [],
): Parsed<S>[] => {
  const rows = seed[name] ?? []
  if (!Array.isArray(rows)) {
    problems.push({ field: name, message: "must be an array" })
    return []
  }
  const read = createReader(spec, defaults, { ignored })
  const seen = new Set<unknown>()
  const parsed: Parsed<S>[] = []
  rows.forEach((row, index) => {
    if (problems.length >= 20) return
    const prefix = `${name}[${index}].`
    try {
      const record = read(row, prefix)
      if (seen.has(record[idField])) problems.push({ field: prefix + idField, message: "is a duplicate id" })
      seen.add(record[idField])
      parsed.push(record)
    } catch (error) {
      if (!(error instanceof InvalidFields)) throw error
      problems.push(...error.problems)
    }
  })
  return parsed
}
