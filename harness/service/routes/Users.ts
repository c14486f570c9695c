/**
 * `GET /users`: Docebo's users, searched and paged from iltsync's directory (no call to Docebo once it is read), for
 * an operator picking trainers. `POST /users/refresh` reads Docebo's user listing again.
 */
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import type { ServiceEnv } from "../Auth.ts"
import { decodeEmptyBody, decodeQuery } from "../Body.ts"
import { logAction, type RouteDeps } from "../Http.ts"
import { refreshUserDirectory, userDirectoryPage } from "../UserDirectory.ts"

const maxSearchLength = 200

const WholeNumber = Schema.NumberFromString.pipe(Schema.int({ message: () => "must be a whole number" }))

const UsersQuery = Schema.Struct({
  search: Schema.optional(
    Schema.String.pipe(
      Schema.maxLength(maxSearchLength, { message: () => `must be at most ${maxSearchLength} characters` }),
    ),
  ),
  page: Schema.optional(WholeNumber.pipe(Schema.greaterThanOrEqualTo(1, { message: () => "must be 1 or more" }))),
  pageSize: Schema.optional(WholeNumber.pipe(Schema.between(1, 100, { message: () => "must be from 1 to 100" }))),
})

export const userRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>()
    .get("/", async (c) => c.json(await deps.run(userDirectoryPage(decodeQuery(c, UsersQuery)))))
    .post("/refresh", async (c) => {
      await decodeEmptyBody(c)
      const read = await deps.run(
        Effect.tap(refreshUserDirectory(), (read) =>
          logAction(c, deps.clock, { action: "users.refresh", details: read }),
        ),
      )
      return c.json(read)
    })
