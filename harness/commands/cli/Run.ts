/**
 * Running a command's Effect program with the app's layers, and turning typed failures into one line for the
 * operator plus a hint. Secrets never reach these messages: the errors carry names and reasons, not values.
 */
import { Cause, Effect, Exit, Layer, Option } from "effect"
import { DoceboBudgetLive } from "../../../adapters/docebo/Budget.ts"
import { CallAccountingLive } from "../../../adapters/http/Calls.ts"
import { RequestLedgersInMemory } from "../../../adapters/http/Window.ts"
import type { StoredCredentials } from "../../../adapters/store/Credentials.ts"
import { secretKeyMissingReason } from "../../../adapters/store/Errors.ts"
import { Store } from "../../../adapters/store/Store.ts"
import { storeExists } from "../../../adapters/store/StoreLive.ts"
import { ToBudgetLive } from "../../../adapters/training-orchestra/Budget.ts"
import { storeLayer } from "../../App.ts"
import { databasePath } from "../../Config.ts"
import { type AppOptions, appLayer, systemsFromEnvironment, systemsFromSettings } from "../../Sync.ts"
import { CliError } from "../CliError.ts"

const hints: Readonly<Record<string, string>> = {
  SettingsMissing: "set them in the environment (see the README) or save them with `iltsync credentials set`",
  ReadFailed: "check the system's URL and credentials, and that it is reachable; then run again",
  ResponseMalformed: "the API answered in an unexpected shape; run again, and report it if it persists",
  StoreError: "check ILTSYNC_DB points at a writable SQLite file, or a PostgreSQL database this machine can reach",
  CredentialsUnreadable:
    "set ILTSYNC_SECRET_KEY to the key they were saved under, or replace them: `iltsync credentials set` with every setting of both systems",
  SecretKeyMissing:
    "put the key file back or set ILTSYNC_SECRET_KEY to their key, or replace them: `iltsync credentials set` with every setting of both systems",
  StoreMissing:
    "`iltsync plan` (or `apply`, `credentials set`, `serve`) creates it; or set ILTSYNC_DB to the store you meant",
  PlanStale: "make a new plan with `iltsync plan --out FILE` and review it",
}

/** One line for a typed failure of the app. */
const explain = (error: unknown): CliError => {
  if (error instanceof CliError) return error
  const tagged = error as { _tag?: string; message?: string } & Record<string, unknown>
  const tag = tagged._tag ?? "Error"
  const detail =
    tag === "SettingsMissing"
      ? `missing settings: ${(tagged.names as string[]).join(", ")}`
      : tag === "PlanStale"
        ? `the saved plan is stale: ${(tagged.changed as string[]).join(" and ")} changed since it was made`
        : tag === "ReadFailed"
          ? `could not read ${String(tagged.resource)} from ${tagged.system === "to" ? "Training Orchestra" : "Docebo"}: ${String(tagged.reason)}`
          : tag === "ResponseMalformed"
            ? `${tagged.system === "to" ? "Training Orchestra" : "Docebo"} sent a malformed ${String(tagged.resource)} (${String(tagged.field)}): ${String(tagged.reason)}`
            : tag === "CredentialsUnreadable"
              ? "the stored credentials cannot be decrypted with this ILTSYNC_SECRET_KEY"
              : tag === "SecretKeyMissing"
                ? secretKeyMissingReason({ keyFile: String(tagged.keyFile) })
                : tag === "StoreMissing"
                  ? `there is no store at ${String(tagged.path)} yet`
                  : `${tag}: ${String(tagged.reason ?? tagged.message ?? "")}`
  return new CliError(detail, hints[tag])
}

/** Runs a program that needs the app's layers; a failure becomes a CliError (a defect stays a bug with a trace). */
export const runApp = <A, E, R>(
  program: Effect.Effect<A, E, R>,
  options: AppOptions & { readonly databasePath?: string } = {},
): Promise<A> => run(program, appLayer(options.databasePath ?? databasePath(options.env ?? process.env), options))

/**
 * Runs a program that needs only iltsync's store (no system is contacted, no credentials are needed). A program that
 * only reads it (`existing`) finds the store there or fails with `StoreMissing`: it creates no file, folder or key.
 */
export const runStore = <A, E, R>(
  program: Effect.Effect<A, E, R>,
  options: { readonly existing?: boolean; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<A> => run(program, storeLayer(databasePath(options.env ?? process.env), { mustExist: options.existing }))

/**
 * Runs a program that reads the systems and writes nothing to the store: connected with the saved credentials when
 * there is a store, with the environment's settings when there is none (and none is created).
 */
export const runSystems = async <A, E, R>(program: Effect.Effect<A, E, R>, options: AppOptions = {}): Promise<A> => {
  const path = databasePath(options.env ?? process.env)
  const stored = await storeExists(path)
  return run(
    program,
    stored
      ? systemsFromSettings(options).pipe(Layer.provide(storeLayer(path, { mustExist: true })))
      : systemsFromEnvironment(options),
  )
}

/**
 * Runs a program that builds its own clients of the systems (the doctor) over both request budgets and the call
 * accounting, given the saved credentials: those of the store and its ledger of calls sent when there is a store
 * (none is created), else none and a count of this process's calls.
 */
export const runWithBudgets = async <A, E, R>(
  program: (saved: StoredCredentials) => Effect.Effect<A, E, R>,
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): Promise<A> => {
  const path = databasePath(options.env ?? process.env)
  const budgets = Layer.mergeAll(DoceboBudgetLive(), ToBudgetLive(), CallAccountingLive)
  if (await storeExists(path)) {
    return run(
      Effect.flatMap(
        Effect.flatMap(Store, (store) => store.loadCredentials()),
        program,
      ),
      budgets.pipe(Layer.provideMerge(storeLayer(path, { mustExist: true }))),
    )
  }
  return run(program({ docebo: null, to: null }), budgets.pipe(Layer.provide(RequestLedgersInMemory)))
}

// biome-ignore lint/suspicious/noExplicitAny: any layer providing what the program needs
const run = async <A, E, R>(program: Effect.Effect<A, E, R>, layer: Layer.Layer<any, any, never>): Promise<A> => {
  const provided = Effect.provide(program, layer) as Effect.Effect<A, E, never>
  const exit = await Effect.runPromiseExit(Effect.scoped(provided))
  if (Exit.isSuccess(exit)) return exit.value
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) throw explain(failure.value)
  throw Cause.squash(exit.cause)
}
