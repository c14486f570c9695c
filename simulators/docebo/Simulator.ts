import type { MiddlewareHandler } from "hono"
import { Hono } from "hono"
import { guardApi } from "../shared/Access.ts"
import { isControlPath } from "../shared/Pipeline.ts"
import type { DoceboSimulatorOptions } from "./Config.ts"
import { whenOn } from "./Endpoints.ts"
import { act } from "./routes/Act.ts"
import { auth } from "./routes/Auth.ts"
import { classrooms } from "./routes/Classrooms.ts"
import { control } from "./routes/Control.ts"
import { courses } from "./routes/Courses.ts"
import { events } from "./routes/Events.ts"
import { locations } from "./routes/Locations.ts"
import { sessions } from "./routes/Sessions.ts"
import { users } from "./routes/Users.ts"
import { domain, webinarAccounts } from "./routes/Webinar.ts"
import { sessionWebhooks } from "./SessionWebhooks.ts"
import { DoceboSimState } from "./State.ts"
import { type DoceboEnv, onDoceboError, refuse } from "./Wire.ts"

/** Docebo forbids concurrent calls to any `/batch` endpoint [doc]; the simulator answers the second with 409. */
const batchGuard =
  (sim: DoceboSimState): MiddlewareHandler<DoceboEnv> =>
  async (c, next) => {
    if (!c.req.path.endsWith("/batch") || isControlPath(c.req.path)) return next()
    if (sim.batchesInFlight > 0)
      return refuse(c, 409, "Another batch call is in progress; batch calls must not overlap")
    sim.batchesInFlight += 1
    try {
      await next()
    } finally {
      sim.batchesInFlight -= 1
    }
  }

/** A fresh Docebo simulator: its Hono app (use `app.request` in-process, or serve it) and its state. */
export const makeDoceboSimulator = (options: DoceboSimulatorOptions = {}) => {
  const state = new DoceboSimState(options)
  const app = new Hono<DoceboEnv>()
  guardApi(app, state, "/oauth2/token", refuse)
  app.use("*", batchGuard(state))
  // A course's sessions, a session and its events: all under /course/v1, switched off together.
  app.use("/course/v1/*", whenOn(state, "sessions"))
  app.route("/oauth2", auth(state))
  app.route("/learn/v1/courses", courses(state))
  app.route("/course/v1", sessionWebhooks(state))
  app.route("/course/v1", sessions(state))
  app.route("/course/v1/sessions", events(state))
  app.route("/learn/v1/location", locations(state))
  app.route("/learn/v1/classroom", classrooms(state))
  app.route("/manage/v1/user", users(state))
  app.route("/manage/v1/domain", domain(state))
  app.route("/webinar/v1/accounts", webinarAccounts(state))
  app.route("/__sim", control(state))
  app.route("/__sim", act(state))
  app.notFound((c) => refuse(c, 404, `No route for ${c.req.method} ${c.req.path}`))
  app.onError(onDoceboError)
  return { app, state }
}

export type DoceboSimulator = ReturnType<typeof makeDoceboSimulator>
