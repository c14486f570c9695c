/** `iltsync logs`: the event log, newest first by default, sortable by action, filtered by date range and action. */
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { runStore } from "./cli/Run.ts"
import { table } from "./cli/Table.ts"
import { logsSynopsis } from "./Synopses.ts"

/** The store reads `--from` and `--to` as ISO-8601; anything else is named with an example of what it takes. */
const dateRefused = (flag: "from" | "to", value: string) =>
  new CliError(
    `--${flag} "${value}" is not an ISO-8601 date or date and time`,
    `e.g. --${flag} 2025-03-01 or --${flag} 2025-03-01T09:00:00Z (UTC; a bare --to date covers its whole day)`,
  )

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(
    argv,
    {
      from: { type: "string" },
      to: { type: "string" },
      action: { type: "string" },
      sort: { type: "string", default: "time" },
      json: { type: "boolean", default: false },
    },
    logsSynopsis,
  )
  const sort = values.sort
  if (sort !== "time" && sort !== "action")
    throw new CliError(`--sort must be time or action, not "${sort}"`, `usage: iltsync ${logsSynopsis}`)
  const query = {
    sort,
    limit: 500,
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    ...(values.action ? { action: values.action } : {}),
  } as const
  const page = await runStore(
    Effect.flatMap(Store, (store) => store.queryEvents(query)).pipe(
      Effect.catchTag("EventQueryInvalid", (invalid) =>
        Effect.fail(
          invalid.field === "from" || invalid.field === "to"
            ? dateRefused(invalid.field, values[invalid.field] ?? "")
            : invalid,
        ),
      ),
    ),
    { existing: true },
  )
  if (values.json) {
    process.stdout.write(`${JSON.stringify(page, null, 2)}\n`)
    return 0
  }
  const rows = page.items.map((e) => [e.at, e.user, e.action, e.target ?? "", e.ip ?? "", JSON.stringify(e.details)])
  process.stdout.write(
    rows.length === 0 ? "No events match.\n" : table(["time", "user", "action", "target", "ip", "details"], rows),
  )
  return 0
}
