import { makeManualClock } from "../shared/Clock.ts"
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

export interface Answer<T> {
  status: number
  headers: Headers
  body: T
}

/** A simulator on a manual clock plus a tiny client that fetches a token once and sends JSON. */
export const doceboTestbed = (options: DoceboSimulatorOptions = {}) => {
  const clock = makeManualClock()
  const simulator = makeDoceboSimulator({ clock, ...options })
  let token: string | null = null

  const send = async <T>(path: string, init: RequestInit): Promise<Answer<T>> => {
    const response = await simulator.app.request(path, init)
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T }
  }

  const fetchToken = async (): Promise<string> => {
    const answer = await send<{ access_token: string }>("/oauth2/token", {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: DOCEBO_TEST_CREDENTIALS.clientId,
        client_secret: DOCEBO_TEST_CREDENTIALS.clientSecret,
      }),
    })
    token = answer.body.access_token
    return token
  }

  const call = async <T>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const bearer = token ?? (await fetchToken())
    return send<T>(path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
  }

  const api = {
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, body?: unknown) => call<T>("POST", path, body),
    put: <T>(path: string, body?: unknown) => call<T>("PUT", path, body),
    delete: <T>(path: string) => call<T>("DELETE", path),
  }

  /** The unauthenticated `/__sim/` surface. */
  const control = <T>(method: string, path: string, body?: unknown) =>
    send<T>(`/__sim/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  return { ...simulator, clock, api, send, control, fetchToken }
}
