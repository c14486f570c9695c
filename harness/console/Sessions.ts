/**
 * Console sessions: an operator signs in once with their token and the browser holds only a random session id in an
 * HttpOnly cookie, never the token. Sessions live in the service's memory: a restart signs everyone out, which is
 * the safe direction. Each session has its own CSRF token, sent back in every form.
 */
import { randomBytes } from "node:crypto"

export interface ConsoleSession {
  readonly id: string
  /** The operator's name, as the event log shows it. */
  readonly operator: string
  readonly csrf: string
  readonly expiresAt: number
}

export interface ConsoleSessions {
  readonly open: (operator: string) => ConsoleSession
  /** The live session with this id; an expired one is forgotten. */
  readonly find: (id: string) => ConsoleSession | null
  readonly close: (id: string) => void
}

/** A working day: an operator is asked for the token again the next morning. */
export const sessionLifetimeMs = 8 * 60 * 60 * 1000

const randomToken = () => randomBytes(32).toString("base64url")

export const makeConsoleSessions = (now: () => number, lifetimeMs = sessionLifetimeMs): ConsoleSessions => {
  const sessions = new Map<string, ConsoleSession>()
  const forgetExpired = () => {
    const at = now()
    for (const [id, session] of sessions) if (session.expiresAt <= at) sessions.delete(id)
  }
  return {
    open: (operator) => {
      forgetExpired()
      const session = { id: randomToken(), operator, csrf: randomToken(), expiresAt: now() + lifetimeMs }
      sessions.set(session.id, session)
      return session
    },
    find: (id) => {
      const session = sessions.get(id)
      if (session === undefined) return null
      if (session.expiresAt > now()) return session
      sessions.delete(id)
      return null
    },
    close: (id) => {
      sessions.delete(id)
    },
  }
}

export const newSignInToken = randomToken
