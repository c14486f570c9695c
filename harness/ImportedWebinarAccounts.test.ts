import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { StoreError } from "../adapters/store/Errors.ts"
import { Store } from "../adapters/store/Store.ts"
import type { DoceboWebinarAccount } from "../engine/model/Docebo.ts"
import { DoceboWebinarAccountId } from "../engine/model/Ids.ts"
import { DoceboPort, type Listing } from "../engine/Ports.ts"
import { ImportedWebinarAccountsLive } from "./ImportedWebinarAccounts.ts"

/** What the adapter answers when Docebo's accounts endpoint is 404 (adapters/docebo/Optional.ts). */
const unavailable: Listing<DoceboWebinarAccount> = {
  items: [],
  complete: false,
  notices: [{ code: "webinar_accounts_unavailable", key: "/webinar/v1/accounts", message: "answered 404" }],
}

const teams: DoceboWebinarAccount = {
  id: DoceboWebinarAccountId.make("7"),
  tool: "teams",
  name: "Teams Training",
  email: "teams@acme.example",
}

// Only what the layer uses is given; the rest of either service is never called here.
const docebo = Layer.succeed(DoceboPort, { webinarAccounts: () => Effect.succeed(unavailable) } as never)
const storeWith = (load: Store["Type"]["loadImportedWebinarAccounts"]) =>
  Layer.succeed(Store, { loadImportedWebinarAccounts: load } as never)

const accountsWith = (store: Layer.Layer<Store>) =>
  Effect.runPromise(
    Effect.flatMap(DoceboPort, (port) => port.webinarAccounts()).pipe(
      Effect.provide(ImportedWebinarAccountsLive.pipe(Layer.provide(Layer.merge(docebo, store)))),
    ),
  )

describe("webinar accounts on a Docebo without the accounts endpoint", () => {
  it("are the operator's import, as a whole list", async () => {
    const read = await accountsWith(
      storeWith(() => Effect.succeed({ accounts: [teams], importedAt: "2027-01-04T08:00:00.000Z" })),
    )
    expect(read).toMatchObject({ items: [teams], complete: true })
    expect(read.notices?.map((notice) => notice.code)).toEqual(["webinar_accounts_imported"])
  })

  it("stay a partial, empty listing that says why when the import cannot be read: the run goes on", async () => {
    const read = await accountsWith(
      storeWith(() =>
        Effect.fail(new StoreError({ operation: "loadImportedWebinarAccounts", code: "SQLITE_BUSY", reason: "busy" })),
      ),
    )
    expect(read).toMatchObject({ items: [], complete: false })
    expect(read.notices?.map((notice) => notice.code)).toEqual([
      "webinar_accounts_unavailable",
      "webinar_accounts_import_unreadable",
    ])
  })
})
