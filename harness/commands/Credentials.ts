/**
 * `iltsync credentials set|show`: saves the credentials of both systems (checked against them first, encrypted in the
 * store, winning over the environment) and shows them with every secret masked.
 */
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { checkConnections } from "../CheckCredentials.ts"
import { connectionsFrom } from "../Config.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { runStore } from "./cli/Run.ts"
import { credentialsSynopsis } from "./Synopses.ts"

const flagToEnv = {
  "docebo-url": "DOCEBO_URL",
  "docebo-client-id": "DOCEBO_CLIENT_ID",
  "docebo-client-secret": "DOCEBO_CLIENT_SECRET",
  "docebo-username": "DOCEBO_USERNAME",
  "docebo-password": "DOCEBO_PASSWORD",
  "to-url": "TO_URL",
  "to-client-id": "TO_CLIENT_ID",
  "to-client-secret": "TO_CLIENT_SECRET",
  "to-platform-url": "TO_PLATFORM_URL",
} as const

const show = async () => {
  const masked = await runStore(
    Effect.flatMap(Store, (store) => store.maskedCredentials()),
    { existing: true },
  )
  process.stdout.write(`${JSON.stringify(masked, null, 2)}\n`)
  return 0
}

const set = async (argv: string[]) => {
  const options = Object.fromEntries(Object.keys(flagToEnv).map((flag) => [flag, { type: "string" as const }]))
  const { values } = readFlags(argv, options, credentialsSynopsis)
  // Flags win over the environment; what neither gives keeps its saved value.
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const [flag, name] of Object.entries(flagToEnv)) {
    const value = values[flag]
    if (typeof value === "string") env[name] = value
  }
  const at = new Date().toISOString()
  await runStore(
    Effect.gen(function* () {
      const store = yield* Store
      const stored = yield* store.loadCredentials()
      const given = connectionsFrom({ docebo: null, to: null }, env)
      const found = "missing" in given ? connectionsFrom(stored, env) : given
      if ("missing" in found) {
        return yield* Effect.fail(
          new CliError(`missing settings: ${found.missing.join(", ")}`, `usage: iltsync ${credentialsSynopsis}`),
        )
      }
      yield* checkConnections(found.connections)
      yield* store.saveCredentials({ docebo: found.connections.docebo, to: found.connections.to }, at)
    }),
  )
  process.stdout.write("Saved the credentials (encrypted). `iltsync credentials show` lists them masked.\n")
  return 0
}

export const run = async (argv: string[]): Promise<number> => {
  const [action, ...rest] = argv
  if (action === "show") return show()
  if (action === "set") return set(rest)
  throw new CliError(`unknown credentials action "${action ?? ""}"`, `usage: iltsync ${credentialsSynopsis}`)
}
