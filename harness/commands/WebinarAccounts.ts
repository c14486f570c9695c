/**
 * `iltsync webinar-accounts [--csv FILE]`: the Docebo webinar accounts, as the seed's Download Webinar Account List.
 * Zoom version 3 accounts are listed as not supported: Training Orchestra cannot use them.
 */
import { writeFile } from "node:fs/promises"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { webinarAccountsCsv } from "../Csv.ts"
import { readFlags } from "./cli/Flags.ts"
import { runSystems } from "./cli/Run.ts"
import { table } from "./cli/Table.ts"
import { webinarAccountsSynopsis } from "./Synopses.ts"

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(argv, { csv: { type: "string" } }, webinarAccountsSynopsis)
  const listing = await runSystems(Effect.flatMap(DoceboPort, (docebo) => docebo.webinarAccounts()))
  // A tenant without the accounts endpoint lists none: say so, rather than an empty list that looks complete.
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
