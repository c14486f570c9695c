/**
 * Where iltsync's settings come from: the environment of INTERFACE.md, with credentials saved through the API or CLI
 * winning over it. Secrets are kept out of every message.
 */

import { defaultInstructorMark, type InstructorMark, instructorMarks } from "../adapters/docebo/InstructorMark.ts"
import type { StoredCredentials } from "../adapters/store/Credentials.ts"
import { defaultHorizonDays } from "../engine/Horizon.ts"
import { type DoceboStamps, defaultDoceboStamps, doceboStampPlaces } from "../engine/Stamps.ts"

export interface DoceboConnection {
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  readonly username: string
  readonly password: string
}

export interface ToConnection {
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  readonly platformUrl: string
}

/**
 * How iltsync works with what the Docebo tenant does not keep (DOCEBO-API.md, "What is not known"): settings of the
 * environment, not secrets, never stored with the credentials.
 */
export interface DoceboStrategies {
  /** `ILTSYNC_DOCEBO_SESSION_STAMP`: where iltsync's session stamps are kept, `code` (default) or `none`. */
  readonly stamps: DoceboStamps
  /** `ILTSYNC_DOCEBO_INSTRUCTOR_MARK`: how a trainer's Docebo user is marked, `none` (default) or `user-flag`. */
  readonly instructorMark: InstructorMark
  /**
   * `ILTSYNC_DOCEBO_MAIN_DOMAIN`: the host the operator confirms is the platform's main domain, which iltsync needs
   * only where Docebo has no domain endpoint to say so; null when not given.
   */
  readonly mainDomain: string | null
  /**
   * `ILTSYNC_SYNC_HORIZON_DAYS`: sessions whose last slot ended more than this many days before a run are history,
   * never read, written or deleted (engine/Horizon.ts); default 7, `off` reads and syncs every session.
   */
  readonly horizonDays: number | null
}

export const defaultStrategies: DoceboStrategies = {
  stamps: defaultDoceboStamps,
  instructorMark: defaultInstructorMark,
  mainDomain: null,
  horizonDays: defaultHorizonDays,
}

/** `ILTSYNC_SYNC_HORIZON_DAYS`: a whole number of days (at most ten years), or `off`; undefined when neither. */
const horizonDaysFrom = (value: string | undefined): number | null | undefined => {
  const given = value?.trim().toLowerCase() ?? ""
  if (given === "") return defaultHorizonDays
  if (given === "off") return null
  return /^\d{1,4}$/.test(given) && Number(given) <= 3660 ? Number(given) : undefined
}

export interface Connections {
  readonly docebo: DoceboConnection
  readonly to: ToConnection
  /** The environment's strategies; the defaults when absent. */
  readonly strategies?: DoceboStrategies
}

/** One of `allowed`, from the environment (trimmed, any case); the default when unset; undefined when not allowed. */
const choice = <A extends string>(value: string | undefined, allowed: ReadonlyArray<A>, fallback: A): A | undefined => {
  const given = value?.trim().toLowerCase() ?? ""
  if (given === "") return fallback
  return allowed.find((option) => option === given)
}

/** The strategies the environment sets, or the names (and allowed values) of those it sets to something else. */
export const environmentStrategies = (
  env: NodeJS.ProcessEnv,
): { readonly strategies: DoceboStrategies } | { readonly invalid: ReadonlyArray<string> } => {
  const stamps = choice(env.ILTSYNC_DOCEBO_SESSION_STAMP, doceboStampPlaces, defaultDoceboStamps)
  const instructorMark = choice(env.ILTSYNC_DOCEBO_INSTRUCTOR_MARK, instructorMarks, defaultInstructorMark)
  const horizonDays = horizonDaysFrom(env.ILTSYNC_SYNC_HORIZON_DAYS)
  if (stamps === undefined || instructorMark === undefined || horizonDays === undefined) {
    return {
      invalid: [
        ...(stamps === undefined ? [`ILTSYNC_DOCEBO_SESSION_STAMP (${doceboStampPlaces.join(" or ")})`] : []),
        ...(instructorMark === undefined ? [`ILTSYNC_DOCEBO_INSTRUCTOR_MARK (${instructorMarks.join(" or ")})`] : []),
        ...(horizonDays === undefined ? ["ILTSYNC_SYNC_HORIZON_DAYS (a whole number of days, or off)"] : []),
      ],
    }
  }
  const mainDomain = env.ILTSYNC_DOCEBO_MAIN_DOMAIN?.trim().toLowerCase() || null
  return { strategies: { stamps, instructorMark, mainDomain, horizonDays } }
}

export const databasePath = (env: NodeJS.ProcessEnv = process.env) => env.ILTSYNC_DB ?? "./iltsync.db"

type Found = { readonly connections: Connections } | { readonly missing: ReadonlyArray<string> }

/** Both systems as the environment gives them (INTERFACE.md's variables); a setting not given is empty. */
/** The connections the environment sets, with its strategies where they are valid (`connectionsFrom` names the rest). */
export const environmentConnections = (env: NodeJS.ProcessEnv): Connections => {
  const strategies = environmentStrategies(env)
  return {
    ...connectionSettings(env),
    ...("strategies" in strategies ? { strategies: strategies.strategies } : {}),
  }
}

const connectionSettings = (env: NodeJS.ProcessEnv): Connections => ({
  docebo: {
    url: env.DOCEBO_URL ?? "",
    clientId: env.DOCEBO_CLIENT_ID ?? "",
    clientSecret: env.DOCEBO_CLIENT_SECRET ?? "",
    username: env.DOCEBO_USERNAME ?? "",
    password: env.DOCEBO_PASSWORD ?? "",
  },
  to: {
    url: env.TO_URL ?? "",
    clientId: env.TO_CLIENT_ID ?? "",
    clientSecret: env.TO_CLIENT_SECRET ?? "",
    platformUrl: env.TO_PLATFORM_URL ?? env.TO_URL ?? "",
  },
})

/** Each system's saved credentials or, for a system never saved, the environment's settings. */
const inEffect = (stored: StoredCredentials, env: NodeJS.ProcessEnv): Connections => {
  const given = environmentConnections(env)
  return { docebo: stored.docebo ?? given.docebo, to: stored.to ?? given.to }
}

/** The connections with the environment's strategies, or every setting missing or set to what iltsync cannot use. */
const complete = ({ docebo, to }: Connections, env: NodeJS.ProcessEnv): Found => {
  const strategies = environmentStrategies(env)
  const missing = [
    ...(docebo.url ? [] : ["DOCEBO_URL"]),
    ...(docebo.clientId ? [] : ["DOCEBO_CLIENT_ID"]),
    ...(docebo.clientSecret ? [] : ["DOCEBO_CLIENT_SECRET"]),
    ...(to.url ? [] : ["TO_URL"]),
    ...(to.clientId ? [] : ["TO_CLIENT_ID"]),
    ...(to.clientSecret ? [] : ["TO_CLIENT_SECRET"]),
    ...("invalid" in strategies ? strategies.invalid : []),
  ]
  if (missing.length > 0 || "invalid" in strategies) return { missing }
  return { connections: { docebo, to, strategies: strategies.strategies } }
}

/** The connections, or the names of the settings that are missing (never their values). */
export const connectionsFrom = (stored: StoredCredentials, env: NodeJS.ProcessEnv = process.env): Found =>
  complete(inEffect(stored, env), env)

/** Some fields of either system, as a partial save (`iltsync credentials set --to-platform-url …`) gives them. */
export interface ConnectionChanges {
  readonly docebo?: Partial<DoceboConnection>
  readonly to?: Partial<ToConnection>
}

/**
 * The connections after a partial save: the fields given change, every other keeps its value in effect (saved, or
 * the environment's for a system never saved). The saved values win over the environment here as everywhere.
 */
export const changedConnections = (
  stored: StoredCredentials,
  env: NodeJS.ProcessEnv,
  changes: ConnectionChanges,
): Found => {
  const current = inEffect(stored, env)
  return complete({ docebo: { ...current.docebo, ...changes.docebo }, to: { ...current.to, ...changes.to } }, env)
}
