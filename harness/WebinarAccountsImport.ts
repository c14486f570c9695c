/**
 * The seed's webinar account CSV, read for an import (`id,tool,name,email`; the Download Webinar Account List's own
 * file, with its `supported` column, is read too). A file with any bad line is refused whole, every bad line named,
 * so an import never half-replaces the accounts iltsync knows.
 */
import { parse } from "csv-parse/sync"
import { Schema } from "effect"
import { DoceboWebinarAccount } from "../engine/model/Docebo.ts"

export type WebinarAccountsImport =
  | { readonly ok: true; readonly accounts: ReadonlyArray<DoceboWebinarAccount> }
  | { readonly ok: false; readonly problems: ReadonlyArray<string> }

const required = ["id", "tool", "name", "email"] as const
/** At most this many problems are listed: a wrong file has one on every line. */
const shownProblems = 20
/** Our own download guards a cell a spreadsheet would run with a leading `'` (Csv.ts); an import takes it off. */
const guarded = /^'(?=[=+\-@\t\r])/
const decodeAccount = Schema.decodeUnknownEither(DoceboWebinarAccount)

/** A record as csv-parse gives it with `info`: its cells, and the line it ended on. */
interface ParsedRow {
  readonly record: ReadonlyArray<string>
  readonly info: { readonly lines: number }
}

const refused = (problems: ReadonlyArray<string>): WebinarAccountsImport => ({
  ok: false,
  problems:
    problems.length > shownProblems
      ? [...problems.slice(0, shownProblems), `… and ${problems.length - shownProblems} more`]
      : problems,
})

export const readWebinarAccountsCsv = (text: string): WebinarAccountsImport => {
  let rows: ReadonlyArray<ParsedRow>
  try {
    // With `info`, csv-parse gives each record with where it was read; its types do not follow that option.
    const parsed: unknown = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    })
    rows = parsed as ReadonlyArray<ParsedRow>
  } catch (error) {
    return refused([`the file is not CSV: ${error instanceof Error ? error.message : String(error)}`])
  }
  const header = rows[0]?.record.map((cell) => cell.toLowerCase())
  if (header === undefined) return refused(["the file is empty: it needs a header line id,tool,name,email"])
  const missing = required.filter((column) => !header.includes(column))
  if (missing.length > 0)
    return refused([`line 1: the header lacks ${missing.join(", ")} (it needs id,tool,name,email)`])
  const at = Object.fromEntries(required.map((column) => [column, header.indexOf(column)])) as Record<
    (typeof required)[number],
    number
  >
  const problems: Array<string> = []
  const accounts: Array<DoceboWebinarAccount> = []
  const seen = new Map<string, number>()
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines
    const cell = (column: (typeof required)[number]) => (record[at[column]] ?? "").replace(guarded, "")
    const id = cell("id")
    if (!/^\d+$/.test(id)) {
      problems.push(`line ${line}: id ${JSON.stringify(id)} is not a Docebo webinar account id (digits)`)
      continue
    }
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      problems.push(`line ${line}: account ${id} is listed on line ${earlier} already`)
      continue
    }
    seen.set(id, line)
    if (cell("tool") === "") problems.push(`line ${line}: account ${id} has no tool`)
    if (cell("name") === "") problems.push(`line ${line}: account ${id} has no name`)
    const decoded = decodeAccount({ id, tool: cell("tool"), name: cell("name"), email: cell("email") })
    if (decoded._tag === "Right") accounts.push(decoded.right)
  }
  return problems.length > 0 ? refused(problems) : { ok: true, accounts }
}
