import { makeManualClock } from "../shared/Clock.ts"
import { makeTestClient } from "../shared/TestClient.ts"
import { DOCEBO_TEST_CREDENTIALS, type DoceboSimulatorOptions } from "./Config.ts"
import { makeDoceboSimulator } from "./Simulator.ts"

/** Docebo's list envelope, for typed assertions. */
export interface DoceboList<T> {
  data: {
    items: T[]
    count: number
    has_more_data: boolean
    current_page: number
    current_page_size: number
    total_page_count: number
    total_count?: number
    cursor: string
  }
  version: string
  _links: unknown[]
}

export interface DoceboErrorBody {
  name: string
  message: string
  code: number
  status: number
}

/** A simulator on a manual clock plus a tiny client that fetches a token once and sends JSON. */
export const doceboTestbed = (options: DoceboSimulatorOptions = {}) => {
  const clock = makeManualClock()
  const simulator = makeDoceboSimulator({ clock, ...options })
  const { send, fetchToken, call, control } = makeTestClient(simulator.app, "/oauth2/token", DOCEBO_TEST_CREDENTIALS)

  const api = {
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, body?: unknown) => call<T>("POST", path, body),
    put: <T>(path: string, body?: unknown) => call<T>("PUT", path, body),
    delete: <T>(path: string) => call<T>("DELETE", path),
  }

  return { ...simulator, clock, api, send, control, fetchToken }
}
