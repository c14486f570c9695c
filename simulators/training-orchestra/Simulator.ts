import { Hono } from "hono"
import { guardApi } from "../shared/Access.ts"
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

/** A fresh Training Orchestra simulator: its Hono app (use `app.request` in-process, or serve it) and its state. */
export const makeToSimulator = (options: ToSimulatorOptions = {}) => {
  const state = new ToSimState(options)
  const app = new Hono<ToEnv>()
  guardApi(app, state, "/oauth/token", problem)
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
