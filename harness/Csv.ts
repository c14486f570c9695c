/**
 * The CSV iltsync writes (RFC 4180: fields quoted when they hold a comma, a quote or a line break; CRLF between
 * records), for the service's download and the CLI's file alike.
 */
import type { DoceboWebinarAccount } from "../engine/model/Docebo.ts"

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)` from an account's name is a
 * link an administrator may click); OWASP's CSV injection advice lists them.
 */
const formulaStart = /^[=+\-@\t\r]/

/** One field: a value a spreadsheet would run is prefixed with `'`, so it is shown as the text it is. */
export const csvCell = (value: string): string => {
  const text = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvDocument = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`

/** The seed's Download Webinar Account List: Zoom version 3 accounts are listed, marked unsupported by TO. */
export const webinarAccountsCsv = (accounts: ReadonlyArray<DoceboWebinarAccount>): string =>
  csvDocument(
    ["id", "tool", "name", "email", "supported"],
    [...accounts]
      .sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }))
      .map((account) => [account.id, account.tool, account.name, account.email, String(account.tool !== "zoom_v3")]),
  )
