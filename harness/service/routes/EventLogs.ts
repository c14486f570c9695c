/** `GET /event-logs`: every sync and operator action, newest first by default, filtered and paged. */
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { Store } from "../../../adapters/store/Store.ts"
import type { ServiceEnv } from "../Auth.ts"
import { decodeQuery } from "../Body.ts"
import type { RouteDeps } from "../Http.ts"

const Limit = Schema.NumberFromString.pipe(
  Schema.int({ message: () => "must be a whole number" }),
  Schema.between(1, 500, { message: () => "must be from 1 to 500" }),
)

const EventQuery = Schema.Struct({
  from: Schema.optional(Schema.String),
  to: Schema.optional(Schema.String),
  action: Schema.optional(Schema.String),
  sort: Schema.optional(Schema.Literal("time", "action")),
  order: Schema.optional(Schema.Literal("asc", "desc")),
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Schema.String),
})

export const eventLogRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => {
    const query = decodeQuery(c, EventQuery)
    const page = await deps.run(Effect.flatMap(Store, (store) => store.queryEvents(query)))
    return c.json({ items: page.items, nextCursor: page.nextCursor })
  })
