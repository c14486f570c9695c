/**
 * Console sessions: an operator signs in once with their token and the browser holds only a random session id in an
 * HttpOnly cookie, never the token. Sessions live in the service's memory: a restart signs everyone out, which is
 * the safe direction. Each session has its own CSRF token, sent back in every form.
 */
import { randomBytes } from "node:crypto"
import type { Flash } from "./Layout.tsx"

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
  /** The one message a form post leaves for the next page of the session with this CSRF token. */
  readonly leave: (csrf: string, message: Flash) => void
  readonly take: (csrf: string) => Flash | null
}

/** A working day: an operator is asked for the token again the next morning. */
export const sessionLifetimeMs = 8 * 60 * 60 * 1000

const randomToken = () => randomBytes(32).toString("base64url")

export const makeConsoleSessions = (now: () => number, lifetimeMs = sessionLifetimeMs): ConsoleSessions => {
  const sessions = new Map<string, ConsoleSession>()
  // Kept with the sessions, so that a message never shown goes with its session.
  const messages = new Map<string, Flash>()
  const forget = (session: ConsoleSession) => {
    sessions.delete(session.id)
    messages.delete(session.csrf)
  }
  const forgetExpired = () => {
    const at = now()
    for (const session of sessions.values()) if (session.expiresAt <= at) forget(session)
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
      forget(session)
      return null
    },
    close: (id) => {
      const session = sessions.get(id)
      if (session !== undefined) forget(session)
    },
    leave: (csrf, message) => {
      messages.set(csrf, message)
    },
    take: (csrf) => {
      const message = messages.get(csrf) ?? null
      messages.delete(csrf)
      return message
    },
  }
}

export const newSignInToken = randomToken
