import { Hono } from "hono"
import { whenOn } from "../Endpoints.ts"
import { matchesSearch, readListQuery, sendList, sortFor, viewKey } from "../Listing.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboWebinarAccount } from "../Types.ts"
import { type DoceboEnv, sendData } from "../Wire.ts"

const sortable = ["id", "tool", "name", "email"]
const idOf = (account: DoceboWebinarAccount) => account.id

/** `/webinar/v1/accounts` [assumed]: read-only; accounts are added in Docebo's UI (`/__sim/act`). */
export const webinarAccounts = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  app.use("*", whenOn(sim, "webinarAccounts"))
  const table = sim.store.webinarAccounts
  app.get("/", (c) => {
    const query = readListQuery(c, sortable, "id")
    const view = table.view(viewKey(query), () =>
      sortFor(
        [...table.values()].filter((account) => matchesSearch(query.searchText, account.name, account.email)),
        query,
        idOf,
      ),
    )
    return sendList(c, query, view, idOf)
  })
  return app
}

/** `/manage/v1/domain` [assumed]: lets a client refuse an extended-enterprise sub-domain. */
export const domain = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  app.use("*", whenOn(sim, "domain"))
  app.get("/", (c) => sendData(c, { domain: sim.config.domain, is_main_domain: sim.config.isMainDomain }))
  return app
}
