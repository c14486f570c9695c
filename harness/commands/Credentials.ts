/**
 * `iltsync credentials set|show`: saves the credentials of both systems (checked against them first, encrypted in the
 * store, winning over the environment) and shows them with every secret masked. A set changes the fields its flags
 * give and keeps the rest.
 */
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { checkConnections } from "../CheckCredentials.ts"
import { type ConnectionChanges, changedConnections } from "../Config.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { runStore } from "./cli/Run.ts"
import { credentialsSynopsis } from "./Synopses.ts"

/** Each flag and the field it sets. */
const flagToField = {
  "docebo-url": ["docebo", "url"],
  "docebo-client-id": ["docebo", "clientId"],
  "docebo-client-secret": ["docebo", "clientSecret"],
  "docebo-username": ["docebo", "username"],
  "docebo-password": ["docebo", "password"],
  "to-url": ["to", "url"],
  "to-client-id": ["to", "clientId"],
  "to-client-secret": ["to", "clientSecret"],
  "to-platform-url": ["to", "platformUrl"],
} as const

const show = async () => {
  const masked = await runStore(
    Effect.flatMap(Store, (store) => store.maskedCredentials()),
    { existing: true },
  )
  process.stdout.write(`${JSON.stringify(masked, null, 2)}\n`)
  return 0
}

const changesOf = (values: Record<string, string | boolean | undefined>): ConnectionChanges => {
  const docebo: Record<string, string> = {}
  const to: Record<string, string> = {}
  for (const [flag, [system, field]] of Object.entries(flagToField)) {
    const value = values[flag]
    if (typeof value === "string") (system === "docebo" ? docebo : to)[field] = value
  }
  return { docebo, to }
}

/**
 * The saved credentials; none when they cannot be opened (another key, or theirs is lost): they can then only be
 * replaced, every setting of both systems given by the flags or the environment.
 */
const savedCredentials = Effect.flatMap(Store, (store) => store.loadCredentials()).pipe(
  Effect.map((stored) => ({ stored, readable: true })),
  Effect.catchTags({
    CredentialsUnreadable: () => Effect.succeed({ stored: { docebo: null, to: null }, readable: false }),
    SecretKeyMissing: () => Effect.succeed({ stored: { docebo: null, to: null }, readable: false }),
  }),
)

const set = async (argv: string[]) => {
  const options = Object.fromEntries(Object.keys(flagToField).map((flag) => [flag, { type: "string" as const }]))
  const { values } = readFlags(argv, options, credentialsSynopsis)
  // A flag changes its field; every other keeps its saved value (the environment's, for a system never saved).
  const changes = changesOf(values)
  const at = new Date().toISOString()
  await runStore(
    Effect.gen(function* () {
      const store = yield* Store
      const { stored, readable } = yield* savedCredentials
      const found = changedConnections(stored, process.env, changes)
      if ("missing" in found) {
        const names = found.missing.join(", ")
        return yield* Effect.fail(
          readable
            ? new CliError(`missing settings: ${names}`, `usage: iltsync ${credentialsSynopsis}`)
            : new CliError(
                `the saved credentials cannot be decrypted, and the settings to replace them are not all given: missing ${names}`,
                "give every setting of both systems (flags or environment), or set ILTSYNC_SECRET_KEY to the key they were saved under",
              ),
        )
      }
      const { docebo, to } = found.connections
      if ((docebo.username === "") !== (docebo.password === "")) {
        return yield* Effect.fail(
          new CliError(
            "a Docebo username needs its password, and a password its username",
            "give both (password grant) or neither (client credentials)",
          ),
        )
      }
      yield* checkConnections(found.connections)
      yield* store.saveCredentials({ docebo, to }, at)
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
