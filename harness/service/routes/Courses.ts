/** `GET /courses`: Docebo's ILT and VILT courses with their sync status (the Courses tab), read-only here. */
import { Effect } from "effect"
import { Hono } from "hono"
import { Store } from "../../../adapters/store/Store.ts"
import type { ServiceEnv } from "../Auth.ts"
import type { RouteDeps } from "../Http.ts"
import { Systems } from "../Systems.ts"

export const courseRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => {
    const { statuses, links } = await deps.run(
      Effect.gen(function* () {
        const store = yield* Store
        const systems = yield* Systems
        return { statuses: yield* store.listCourseStatuses(), links: yield* systems.links }
      }),
    )
    return c.json(
      statuses.map((status) => ({
        id: status.courseId,
        code: status.code,
        name: status.name,
        type: status.type,
        syncStatus: status.status,
        error: status.error,
        warnings: status.warnings,
        lastSyncedAt: status.lastSyncedAt,
        // Courses are edited in Docebo only: the row links to its page there.
        doceboUrl: links.doceboUrl === null ? null : `${links.doceboUrl}/course/edit/${status.courseId}`,
      })),
    )
  })
