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

/** The endpoint's 404 listing (partial, empty), saying that the operator's import could not be read either. */
const importUnreadable = (read: Listing<DoceboWebinarAccount>, why: string): Listing<DoceboWebinarAccount> => ({
  ...read,
  notices: [
    ...(read.notices ?? []),
    {
      code: "webinar_accounts_import_unreadable",
      key: "webinar-accounts",
      message: `the webinar accounts imported from the CSV could not be read from iltsync's store (${why}): no account is used and no Training Orchestra virtual room is deactivated`,
    },
  ],
})

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
            ? store.loadImportedWebinarAccounts().pipe(
                Effect.map((imported) => fromImport(read, imported)),
                // The store failing is no reason to fail the run: the listing stays as partial as Docebo left it,
                // so no TO virtual room is deactivated on its strength, and the plan says why.
                Effect.catchAll((failure) => Effect.succeed(importUnreadable(read, failure._tag))),
              )
            : Effect.succeed(read),
        ),
    })
  }),
)

/** `systems` with the import standing in for a missing webinar-accounts endpoint. */
export const withImportedWebinarAccounts = <ROut, E, RIn>(systems: Layer.Layer<ROut, E, RIn>) =>
  ImportedWebinarAccountsLive.pipe(Layer.provideMerge(systems))
