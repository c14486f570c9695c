import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import { resolveCountry } from "../Countries.ts"
import { locationDefaults, locationFields, locationReadOnly } from "../Fields.ts"
import { learnSort, matchesSearch, readListQuery, sendList, sortFor, viewKey } from "../Listing.ts"
import type { DoceboSimState } from "../State.ts"
import type { DoceboLocation } from "../Types.ts"
import { type DoceboEnv, found, numericId, sendData } from "../Wire.ts"

const sortable = ["id_location", "name", "address", "iso_code_country"]
const idOf = (location: DoceboLocation) => location.id_location

type LocationInput = Omit<DoceboLocation, "id_location" | "name_country">

/** Countries are given by ISO code or Docebo's country id; the other country fields follow. */
const withCountry = (input: LocationInput, id: number): DoceboLocation => {
  const country = resolveCountry(input)
  if (!country) throw InvalidFields.of(input.iso_code_country ? "iso_code_country" : "id_country", "is not a country")
  return { ...input, ...country, id_location: id }
}

/** `/learn/v1/location`: classroom locations (GET [doc]; writes [assumed], answering a result as other writes do). */
export const locations = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const table = sim.store.locations
  const find = (id: string) => found(table.get(numericId(id, "Location")), "Location", id)

  app.get("/", (c) => {
    const query = readListQuery(c, sortable, "id_location", learnSort)
    const view = table.view(viewKey(query), () =>
      sortFor(
        [...table.values()].filter((location) => matchesSearch(query.searchText, location.name, location.address)),
        query,
        idOf,
      ),
    )
    return sendList(c, query, view, idOf)
  })

  app.get("/:id", (c) => sendData(c, find(c.req.param("id"))))

  app.post("/", async (c) => {
    const input = parseCreate(await readJsonObject(c.req.raw), locationFields, locationDefaults, {
      ignored: locationReadOnly,
    })
    const location = withCountry(input, sim.store.nextId(table))
    table.put(location)
    return sendData(c, { id_location: location.id_location })
  })

  app.put("/:id", async (c) => {
    const existing = find(c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), locationFields, { ignored: locationReadOnly })
    // A new country given one way replaces the country given the other way.
    const countryChanged = "iso_code_country" in changes || "id_country" in changes
    const base = countryChanged ? { ...existing, iso_code_country: null, id_country: null } : existing
    const location = withCountry({ ...base, ...changes }, existing.id_location)
    table.put(location)
    return sendData(c, { success: true })
  })

  return app
}
