/**
 * Where webinar accounts come from on a tenant whose Docebo has no webinar-accounts endpoint (DOCEBO-API.md: the
 * endpoint has no public trace): the operator's CSV import. Docebo's own list wins whenever the tenant has one; the
 * import stands in only while the endpoint answers 404, and every plan says which list it used.
 */
import { Effect, Layer } from "effect"
import { Store } from "../adapters/store/Store.ts"
import type { DoceboWebinarAccount } from "../engine/model/Docebo.ts"
import { DoceboPort, type Listing } from "../engine/Ports.ts"

/** The notice the Docebo adapter gives when the endpoint answered 404 (adapters/docebo/Optional.ts). */
const unavailable = "webinar_accounts_unavailable"

const fromImport = (
  read: Listing<DoceboWebinarAccount>,
  imported: { readonly accounts: ReadonlyArray<DoceboWebinarAccount>; readonly importedAt: string } | null,
): Listing<DoceboWebinarAccount> => {
  const notice = read.notices?.find((each) => each.code === unavailable)
  if (notice === undefined || imported === null) return read
  return {
    items: imported.accounts,
    // The operator's file is the whole list: an account left out of it is gone, as from Docebo's own list.
    complete: true,
    notices: [
      {
        code: "webinar_accounts_imported",
        key: notice.key,
        message: `this Docebo tenant has no webinar-accounts endpoint: the ${imported.accounts.length} accounts of the CSV imported at ${imported.importedAt} are used instead`,
      },
    ],
  }
}

/** `DoceboPort` with its webinar accounts taken from the operator's import while Docebo has no endpoint for them. */
export const ImportedWebinarAccountsLive = Layer.effect(
  DoceboPort,
  Effect.gen(function* () {
    const port = yield* DoceboPort
    const store = yield* Store
    return DoceboPort.of({
      ...port,
      webinarAccounts: () =>
        Effect.flatMap(port.webinarAccounts(), (read) =>
          read.notices?.some((each) => each.code === unavailable)
            ? Effect.map(store.loadImportedWebinarAccounts().pipe(Effect.orDie), (imported) =>
                fromImport(read, imported),
              )
            : Effect.succeed(read),
        ),
    })
  }),
)

/** `systems` with the import standing in for a missing webinar-accounts endpoint. */
export const withImportedWebinarAccounts = <ROut, E, RIn>(systems: Layer.Layer<ROut, E, RIn>) =>
  ImportedWebinarAccountsLive.pipe(Layer.provideMerge(systems))
