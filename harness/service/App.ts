/**
 * The service's Hono app: the operator console under `/console`, one sub-app per resource, the operator's bearer token on everything but `/healthz` and
 * the webhooks (which carry their own signature), bodies up to 1 MiB, and one `onError` answering problem+json.
 * A path that exists under another method answers 405 with `Allow`.
 */
import { Hono } from "hono"
import { methodNotAllowed } from "hono/method-not-allowed"
import { consoleRoutes } from "../console/Console.tsx"
import { operatorAuth, type ServiceEnv } from "./Auth.ts"
import { limitBody } from "./Body.ts"
import type { RouteDeps } from "./Http.ts"
import type { InFlight } from "./InFlight.ts"
import { describeFailure, notFound, Problem, problemOf, problemResponse } from "./Problem.ts"
import { courseRoutes } from "./routes/Courses.ts"
import { credentialRoutes } from "./routes/Credentials.ts"
import { doctorRoutes } from "./routes/Doctor.ts"
import { accessRoutes, webinarAccountImportRoutes, webinarAccountRoutes } from "./routes/Downloads.ts"
import { eventLogRoutes } from "./routes/EventLogs.ts"
import { metricsRoutes } from "./routes/Metrics.ts"
import { providerRoutes } from "./routes/Providers.ts"
import { jobRoutes, planRoutes, syncRoutes } from "./routes/Sync.ts"
import { trainerRoutes } from "./routes/Trainers.ts"
import { userRoutes } from "./routes/Users.ts"
import { webhookRoutes } from "./routes/Webhooks.ts"

export interface AppDeps extends RouteDeps {
  readonly env: NodeJS.ProcessEnv
  /** True once the service is stopping: it takes no more work. */
  readonly stopping: () => boolean
  /** Requests being answered: a stopping service lets them finish before it closes the store. */
  readonly inFlight: InFlight
  /** Where the service reports what went wrong on its side (500s); never a secret. */
  readonly log: (line: string) => void
}

/** The console signs its operators in itself, with a session cookie; the JSON API keeps its bearer tokens. */
const consolePath = (path: string) =>
  path === "/" || path === "/favicon.ico" || path === "/console" || path.startsWith("/console/")
const openPath = (path: string) => path === "/healthz" || path.startsWith("/webhooks/") || consolePath(path)

export const makeApp = (deps: AppDeps) => {
  const app = new Hono<ServiceEnv>()
  const auth = operatorAuth(deps.settings)

  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          c,
          new Problem(405, `${c.req.method} is not allowed on ${c.req.path}`, {}, { allow: methods.join(", ") }),
        ),
    }),
  )
  app.use(limitBody)
  app.use(async (c, next) => {
    if (deps.stopping() && c.req.path !== "/healthz") throw new Problem(503, "the service is stopping")
    return deps.inFlight.track(() => (openPath(c.req.path) ? next() : auth(c, next)))
  })

  app.get("/healthz", (c) => c.json({ ok: true }))
  app.get("/", (c) => c.redirect("/console/courses", 302))
  // Browsers ask for it on every console page: no icon, and no 401 in their console.
  app.get("/favicon.ico", (c) => c.body(null, 204))
  app.route("/console", consoleRoutes(deps))
  app.route("/sync", syncRoutes(deps))
  app.route("/jobs", jobRoutes(deps))
  app.route("/plan", planRoutes(deps))
  app.route("/webhooks", webhookRoutes(deps))
  app.route("/courses", courseRoutes(deps))
  app.route("/training-providers", providerRoutes(deps))
  app.route("/trainers", trainerRoutes(deps))
  app.route("/users", userRoutes(deps))
  app.route("/credentials", credentialRoutes(deps, deps.env))
  app.route("/event-logs", eventLogRoutes(deps))
  app.route("/webinar-accounts.csv", webinarAccountRoutes(deps))
  app.route("/webinar-accounts", webinarAccountImportRoutes(deps))
  app.route("/access", accessRoutes(deps))
  app.route("/metrics", metricsRoutes(deps))
  app.route("/doctor", doctorRoutes(deps, deps.env))

  app.notFound((c) => problemResponse(c, notFound(`no route ${c.req.path}`)))
  app.onError((error, c) => {
    const problem = problemOf(error)
    if (problem.status >= 500)
      deps.log(`iltsync: ${c.req.method} ${c.req.path} answered ${problem.status}: ${describeFailure(error)}`)
    return problemResponse(c, problem)
  })
  return app
}
