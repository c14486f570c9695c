/**
 * `iltsync webinar-accounts [--csv FILE | --import FILE]`: the Docebo webinar accounts, as the seed's Download Webinar
 * Account List (Zoom version 3 accounts are listed as not supported: Training Orchestra cannot use them); or the
 * import of that list, for a tenant whose Docebo has no webinar-accounts endpoint.
 */
import { readFile, writeFile } from "node:fs/promises"
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { DoceboPort } from "../../engine/Ports.ts"
import { webinarAccountsCsv } from "../Csv.ts"
import { readWebinarAccountsCsv } from "../WebinarAccountsImport.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { runStore, runSystems } from "./cli/Run.ts"
import { table } from "./cli/Table.ts"
import { webinarAccountsSynopsis } from "./Synopses.ts"

/** Replaces the imported accounts with the file's; a file with any bad line changes nothing. */
const importFile = async (file: string): Promise<number> => {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`)
  })
  const read = readWebinarAccountsCsv(text)
  if (!read.ok) {
    throw new CliError(
      `${file} was not imported: ${read.problems.join("; ")}`,
      "fix those lines and import again; the accounts iltsync had are unchanged",
    )
  }
  await runStore(
    Effect.gen(function* () {
      const store = yield* Store
      const at = new Date().toISOString()
      yield* store.replaceImportedWebinarAccounts(read.accounts, at)
      yield* store.appendEvent({
        at,
        user: "cli",
        action: "webinar-accounts.import",
        target: null,
        ip: null,
        details: { accounts: read.accounts.length },
      })
    }),
  )
  process.stdout.write(
    `Imported ${read.accounts.length} webinar accounts from ${file}; they are used while Docebo has no webinar-accounts endpoint\n`,
  )
  return 0
}

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(argv, { csv: { type: "string" }, import: { type: "string" } }, webinarAccountsSynopsis)
  if (values.import !== undefined) return importFile(values.import)
  const listing = await runSystems(Effect.flatMap(DoceboPort, (docebo) => docebo.webinarAccounts()))
  for (const notice of listing.notices ?? []) process.stderr.write(`warning: ${notice.message}\n`)
  if (values.csv) {
    await writeFile(values.csv, webinarAccountsCsv(listing.items))
    process.stdout.write(`Wrote ${listing.items.length} webinar accounts to ${values.csv}\n`)
    return 0
  }
  const rows = listing.items.map((a) => [a.id, a.tool, a.name, a.email, a.tool === "zoom_v3" ? "no (Zoom v3)" : "yes"])
  process.stdout.write(table(["id", "tool", "name", "email", "supported"], rows))
  return 0
}
