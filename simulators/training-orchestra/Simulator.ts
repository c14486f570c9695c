import type { Context, MiddlewareHandler } from "hono"
import { Hono } from "hono"
import { readFormLike } from "../shared/Body.ts"
import { loopbackOnly } from "../shared/Control.ts"
import { apiPipeline, isControlPath } from "../shared/Pipeline.ts"
import { bearerToken } from "../shared/Tokens.ts"
import type { ToSimulatorOptions } from "./Config.ts"
import { act } from "./routes/Act.ts"
import { auth } from "./routes/Auth.ts"
import { control } from "./routes/Control.ts"
import { courses } from "./routes/Courses.ts"
import { locations, rooms } from "./routes/Places.ts"
import { sitesRoutes, trainingProviders } from "./routes/Providers.ts"
import { sessions } from "./routes/Sessions.ts"
import { trainers } from "./routes/Trainers.ts"
import { ToSimState } from "./State.ts"
import { onToError, problem, type ToEnv } from "./Wire.ts"

const tokenPath = "/oauth/token"

/** Every call counts against its client: the client id of a token call, or the client a bearer token was for. */
const clientOf = (sim: ToSimState) => async (c: Context) => {
  if (c.req.path === tokenPath) {
    const form = await readFormLike(c.req.raw).catch(() => ({}) as Record<string, unknown>)
    return typeof form.client_id === "string" ? form.client_id : "anonymous"
  }
  const token = bearerToken(c.req.header("authorization"))
  const lookup = token ? sim.tokens.lookup(token, sim.clock.now()) : { status: "unknown" as const }
  return lookup.status === "unknown" ? "anonymous" : lookup.clientId
}

const requireToken =
  (sim: ToSimState): MiddlewareHandler<ToEnv> =>
  async (c, next) => {
    if (c.req.path === tokenPath || isControlPath(c.req.path)) return next()
    const token = bearerToken(c.req.header("authorization"))
    const lookup = token ? sim.tokens.lookup(token, sim.clock.now()) : { status: "unknown" as const }
    if (lookup.status === "unknown") return problem(c, 401, "The access token is missing or invalid")
    if (lookup.status === "expired") return problem(c, 401, "The access token has expired")
    c.set("clientId", lookup.clientId)
    await next()
  }

/** A fresh Training Orchestra simulator: its Hono app (use `app.request` in-process, or serve it) and its state. */
export const makeToSimulator = (options: ToSimulatorOptions = {}) => {
  const state = new ToSimState(options)
  const app = new Hono<ToEnv>()
  app.use(
    "*",
    apiPipeline({
      clock: state.clock,
      calls: state.calls,
      faults: state.faults,
      limiter: () => state.limiter,
      clientOf: clientOf(state),
      refuse: problem,
    }),
  )
  app.use(
    "/__sim/*",
    loopbackOnly((c) => problem(c, 403, "The control surface answers loopback callers only")),
  )
  app.use("*", requireToken(state))
  app.use("*", state.idempotency.middleware)
  app.route("/oauth", auth(state))
  app.route("/api/v1/courses", courses(state))
  app.route("/api/v1/training-providers", trainingProviders(state))
  app.route("/api/v1/sites", sitesRoutes(state))
  app.route("/api/v1/trainers", trainers(state))
  app.route("/api/v1/locations", locations(state))
  app.route("/api/v1/rooms", rooms(state))
  app.route("/api/v1/sessions", sessions(state))
  app.route("/__sim", control(state))
  app.route("/__sim", act(state))
  app.notFound((c) => problem(c, 404, `No route for ${c.req.method} ${c.req.path}`))
  app.onError(onToError)
  return { app, state }
}

export type ToSimulator = ReturnType<typeof makeToSimulator>
