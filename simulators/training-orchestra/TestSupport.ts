import { makeManualClock } from "../shared/Clock.ts"
import type { FieldProblem } from "../shared/Errors.ts"
import { TO_TEST_CREDENTIALS, type ToSimulatorOptions } from "./Config.ts"
import { makeToSimulator } from "./Simulator.ts"

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

export interface Answer<T> {
  status: number
  headers: Headers
  body: T
}

/** A simulator on a manual clock plus a tiny client that fetches a token once and sends JSON. */
export const toTestbed = (options: ToSimulatorOptions = {}) => {
  const clock = makeManualClock()
  const simulator = makeToSimulator({ clock, ...options })
  let token: string | null = null

  const send = async <T>(path: string, init: RequestInit): Promise<Answer<T>> => {
    const response = await simulator.app.request(path, init)
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T }
  }

  const fetchToken = async (): Promise<string> => {
    const answer = await send<{ access_token: string }>("/oauth/token", {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: TO_TEST_CREDENTIALS.clientId,
        client_secret: TO_TEST_CREDENTIALS.clientSecret,
      }),
    })
    token = answer.body.access_token
    return token
  }

  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const bearer = token ?? (await fetchToken())
    return send<T>(path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
  }

  const api = {
    get: <T>(path: string) => call<T>("GET", `/api/v1${path}`),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>("POST", `/api/v1${path}`, body, headers),
    patch: <T>(path: string, body?: unknown) => call<T>("PATCH", `/api/v1${path}`, body),
  }

  /** The unauthenticated `/__sim/` surface. */
  const control = <T>(method: string, path: string, body?: unknown) =>
    send<T>(`/__sim/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  const act = <T>(body: object) => control<T>("POST", "act", body)

  return { ...simulator, clock, api, send, control, act, fetchToken }
}
