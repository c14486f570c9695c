/**
 * What every console request passes: strict security headers and a Content-Security-Policy that allows no inline
 * script and nothing from outside the service; a live session for every page but sign-in and the assets; and on
 * every form post the session's CSRF token and a same-origin `Origin`.
 */
import type { Context, MiddlewareHandler } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import { secureHeaders } from "hono/secure-headers"
import { callerIp, type ServiceEnv, sameSecret } from "../service/Auth.ts"
import type { ServiceSettings } from "../service/Settings.ts"
import { formOf } from "./Forms.ts"
import type { ConsoleSession, ConsoleSessions } from "./Sessions.ts"

export const consoleHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: "same-origin",
  crossOriginOpenerPolicy: "same-origin",
  xFrameOptions: "DENY",
})

/**
 * Pages and downloads carry the operator's data: the browser keeps none of them, so that Back after *Sign out*, or
 * another person at the same browser, asks the service again and meets the sign-in page. Assets have their own rule.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  if (!c.req.path.startsWith("/console/assets/")) c.header("Cache-Control", "no-store")
}

/** Behind TLS (directly, or a trusted proxy that says so) the cookie is `Secure` and takes the `__Host-` prefix. */
export const overTls = (c: Context, settings: ServiceSettings) =>
  new URL(c.req.url).protocol === "https:" ||
  (settings.trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https")

const sessionCookie = (secure: boolean) => (secure ? "__Host-iltsync_session" : "iltsync_session")

export const startSession = (c: Context, settings: ServiceSettings, session: ConsoleSession, now: number) => {
  const secure = overTls(c, settings)
  setCookie(c, sessionCookie(secure), session.id, {
    httpOnly: true,
    sameSite: "Strict",
    secure,
    path: "/",
    maxAge: Math.max(1, Math.floor((session.expiresAt - now) / 1000)),
  })
}

export const endSession = (c: Context, settings: ServiceSettings, sessions: ConsoleSessions) => {
  const secure = overTls(c, settings)
  const id = getCookie(c, sessionCookie(secure))
  if (id !== undefined) sessions.close(id)
  deleteCookie(c, sessionCookie(secure), { path: "/", secure })
}

/** A form post must come from a console page: the same origin, and the token only the session's pages carry. */
export class ConsoleRefusal extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message)
  }
}

const sameOrigin = (c: Context) => {
  const origin = c.req.header("origin")
  // Browsers send Origin on every POST; a client that sends none is not a browser another site can drive.
  return origin === undefined || origin === new URL(c.req.url).origin || origin === forwardedOrigin(c)
}

const forwardedOrigin = (c: Context) => {
  const host = c.req.header("x-forwarded-host") ?? c.req.header("host")
  const proto = c.req.header("x-forwarded-proto") ?? new URL(c.req.url).protocol.replace(":", "")
  return host === undefined ? undefined : `${proto}://${host}`
}

export const checkPostedToken = async (c: Context, expected: string) => {
  if (!sameOrigin(c)) throw new ConsoleRefusal(403, "The form was sent from another site, and was refused.")
  const token = (await formOf(c)).get("_csrf") ?? ""
  if (!sameSecret(token, expected)) {
    throw new ConsoleRefusal(403, "The form's security token is missing or out of date: reload the page and try again.")
  }
}

/** Pages anyone may open: the sign-in form and the stylesheet and script it uses. */
const openPaths = new Set(["/console/sign-in", "/console/assets/console.css", "/console/assets/console.js"])

export const consoleGuard =
  (settings: ServiceSettings, sessions: ConsoleSessions): MiddlewareHandler<ServiceEnv> =>
  async (c, next) => {
    c.set("ip", callerIp(c, settings.trustProxy))
    if (openPaths.has(c.req.path)) return next()
    const id = getCookie(c, sessionCookie(overTls(c, settings)))
    const session = id === undefined ? null : sessions.find(id)
    if (session === null) {
      if (c.req.method === "GET") {
        const back = c.req.path + (new URL(c.req.url).search ?? "")
        return c.redirect(`/console/sign-in?next=${encodeURIComponent(back)}`, 303)
      }
      throw new ConsoleRefusal(401, "Your session has ended: sign in again.")
    }
    c.set("actor", session.operator)
    c.set("csrf", session.csrf)
    if (c.req.method !== "GET" && c.req.method !== "HEAD") await checkPostedToken(c, session.csrf)
    return next()
  }
