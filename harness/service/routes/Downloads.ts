/**
 * `GET /webinar-accounts.csv`, the seed's *Download Webinar Account List*; `PUT /webinar-accounts`, the import of
 * that list for a tenant whose Docebo has no webinar-accounts endpoint; and `GET /access`, the seed's *Access your
 * Training Orchestra platform*.
 */
import { Effect } from "effect"
import { Hono } from "hono"
import { Store } from "../../../adapters/store/Store.ts"
import { DoceboPort, RequestPriority } from "../../../engine/Ports.ts"
import { webinarAccountsCsv } from "../../Csv.ts"
import { readWebinarAccountsCsv } from "../../WebinarAccountsImport.ts"
import type { ServiceEnv } from "../Auth.ts"
import { readText } from "../Body.ts"
import { isoNow } from "../Clock.ts"
import { logAction, type RouteDeps, type ServiceContext } from "../Http.ts"
import { Problem } from "../Problem.ts"
import { Systems } from "../Systems.ts"

/** Docebo's webinar accounts, read now (the list is what Docebo holds when it is downloaded), as the seed's CSV. */
export const webinarAccountList = (c: ServiceContext, deps: RouteDeps) =>
  Effect.gen(function* () {
    const systems = yield* Systems
    const ports = yield* systems.ports
    const listing = yield* Effect.flatMap(DoceboPort, (docebo) => docebo.webinarAccounts()).pipe(
      Effect.provide(ports),
      Effect.locally(RequestPriority, "interactive"),
    )
    if (!listing.complete) {
      // A tenant without the endpoint says so, and how to import the list instead.
      const why = listing.notices?.[0]?.message ?? "Docebo's webinar account list could not be read in full"
      return yield* Effect.die(new Problem(502, why))
    }
    yield* logAction(c, deps.clock, {
      action: "webinar-accounts.download",
      details: { accounts: listing.items.length },
    })
    return webinarAccountsCsv(listing.items)
  })

export const csvAttachment = {
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": 'attachment; filename="webinar-accounts.csv"',
}

export const webinarAccountRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => c.body(await deps.run(webinarAccountList(c, deps)), 200, csvAttachment))

/**
 * The seed's webinar account CSV (`id,tool,name,email`) replaces the imported accounts whole; a file with any bad
 * line is refused, every bad line named, and nothing is changed.
 */
export const webinarAccountImportRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().put("/", async (c) => {
    const read = readWebinarAccountsCsv(await readText(c))
    if (!read.ok) {
      throw new Problem(422, `the webinar account CSV was not imported: ${read.problems.join("; ")}`)
    }
    await deps.run(
      Effect.gen(function* () {
        const store = yield* Store
        yield* store.replaceImportedWebinarAccounts(read.accounts, isoNow(deps.clock))
        yield* logAction(c, deps.clock, {
          action: "webinar-accounts.import",
          details: { accounts: read.accounts.length },
        })
      }),
    )
    return c.json({ imported: read.accounts.length })
  })

/** The TO platform's address, for *Access Your Training Orchestra Platform*; logged as the operator opening it. */
export const platformAddress = (c: ServiceContext, deps: RouteDeps) =>
  Effect.gen(function* () {
    const links = yield* Effect.flatMap(Systems, (systems) => systems.links)
    if (links.platformUrl === null) {
      return yield* Effect.die(
        new Problem(
          503,
          "the Training Orchestra platform URL is not configured: set TO_PLATFORM_URL or save the credentials",
        ),
      )
    }
    yield* logAction(c, deps.clock, { action: "access.open" })
    return links.platformUrl
  })

export const accessRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => c.redirect(await deps.run(platformAddress(c, deps)), 302))
