import { makeManualClock } from "../shared/Clock.ts"
import type { FieldProblem } from "../shared/Errors.ts"
import { makeTestClient } from "../shared/TestClient.ts"
import { TO_TEST_CREDENTIALS, type ToSimulatorOptions } from "./Config.ts"
import { makeToSimulator } from "./Simulator.ts"
import type { ToSeed } from "./Types.ts"

export interface ToPage<T> {
  data: T[]
  next_cursor: string | null
}

export interface ToOne<T> {
  data: T
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors: FieldProblem[]
}

/** A simulator on a manual clock plus a tiny client that fetches a token once and sends JSON. */
export const toTestbed = (options: ToSimulatorOptions = {}) => {
  const clock = makeManualClock()
  const simulator = makeToSimulator({ clock, ...options })
  const { send, fetchToken, call, control } = makeTestClient(simulator.app, "/oauth/token", TO_TEST_CREDENTIALS)

  const api = {
    get: <T>(path: string) => call<T>("GET", `/api/v1${path}`),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>("POST", `/api/v1${path}`, body, headers),
    patch: <T>(path: string, body?: unknown) => call<T>("PATCH", `/api/v1${path}`, body),
  }

  const act = <T>(body: object) => control<T>("POST", "act", body)

  return { ...simulator, clock, api, send, control, act, fetchToken }
}

/** A small tenant: one active and one inactive provider, trainers of each kind, a course, a place and two rooms. */
export const sampleSeed: ToSeed = {
  training_providers: [
    { id: "tp_acme", name: "Acme Training", site_id: "site_acme" },
    { id: "tp_gone", name: "Gone Ltd", site_id: "site_gone", active: false },
  ],
  sites: [
    { id: "site_acme", name: "Acme HQ", city: "Lyon", country: "FR", training_provider_id: "tp_acme" },
    { id: "site_gone", name: "Gone HQ", training_provider_id: "tp_gone" },
  ],
  trainers: [
    {
      id: "trn_ada",
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      training_provider_id: "tp_acme",
    },
    {
      id: "trn_idle",
      first_name: "Idle",
      last_name: "Trainer",
      email: "idle@example.com",
      training_provider_id: "tp_acme",
      active: false,
    },
    { id: "trn_orphan", first_name: "Orphan", last_name: "T", email: "o@example.com", training_provider_id: "tp_gone" },
  ],
  courses: [{ id: "crs_safety", code: "SAF", title: "Safety", modality: "onsite", external_ref: "101" }],
  locations: [{ id: "loc_paris", name: "Paris office", city: "Paris", country: "FR" }],
  rooms: [
    { id: "room_a", location_id: "loc_paris", name: "Room A", seats: 12, kind: "physical" },
    { id: "room_zoom", name: "Zoom main", kind: "virtual", webinar_tool: "zoom", external_ref: "30" },
  ],
}

export const sequence = (day: string, extra: object = {}) => ({
  day,
  start: "09:00",
  end: "12:30",
  timezone: "Europe/Paris",
  ...extra,
})
