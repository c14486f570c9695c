/** What the console's pages need: the service's routes' deps, its settings' environment and the console's sessions. */
import type { Context } from "hono"
import type { JSX } from "hono/jsx/jsx-runtime"
import type { ServiceEnv } from "../service/Auth.ts"
import type { RouteDeps } from "../service/Http.ts"
import type { Flash } from "./Layout.tsx"
import type { ConsoleSessions } from "./Sessions.ts"

export interface ConsoleDeps extends RouteDeps {
  readonly env: NodeJS.ProcessEnv
  readonly sessions: ConsoleSessions
}

export type ConsoleContext = Context<ServiceEnv>

/** A whole page: the doctype, then the element. */
export const renderPage = async (
  c: ConsoleContext,
  element: JSX.Element,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 502 | 503 = 200,
) => c.html(`<!doctype html>${await element.toString()}`, status)

/** The message a post left for this session, taken once. */
export const takeFlash = (deps: ConsoleDeps, c: ConsoleContext): Flash | null => {
  return deps.sessions.take(c.get("csrf"))
}

/** After a post, the page to show next and what to say on it. */
export const redirectWith = (deps: ConsoleDeps, c: ConsoleContext, to: string, flash: Flash) => {
  deps.sessions.leave(c.get("csrf"), flash)
  return c.redirect(to, 303)
}

/** The frame's fields that come from the session. */
export const frameOf = (deps: ConsoleDeps, c: ConsoleContext) => ({
  operator: c.get("actor"),
  csrf: c.get("csrf"),
  flash: takeFlash(deps, c),
})

/** A link to a page with these query parameters, empty ones left out. */
export const hrefWith = (path: string, params: Record<string, string | number | null | undefined>) => {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value))
  }
  const text = query.toString()
  return text === "" ? path : `${path}?${text}`
}
