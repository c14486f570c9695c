/**
 * Where iltsync's settings come from: the environment of INTERFACE.md, with credentials saved through the API or CLI
 * winning over it. Secrets are kept out of every message.
 */
import type { StoredCredentials } from "../adapters/store/Credentials.ts"

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

export interface Connections {
  readonly docebo: DoceboConnection
  readonly to: ToConnection
}

export const databasePath = (env: NodeJS.ProcessEnv = process.env) => env.ILTSYNC_DB ?? "./iltsync.db"

/** The connections, or the names of the settings that are missing (never their values). */
export const connectionsFrom = (
  stored: StoredCredentials,
  env: NodeJS.ProcessEnv = process.env,
): { readonly connections: Connections } | { readonly missing: ReadonlyArray<string> } => {
  const docebo = stored.docebo ?? {
    url: env.DOCEBO_URL ?? "",
    clientId: env.DOCEBO_CLIENT_ID ?? "",
    clientSecret: env.DOCEBO_CLIENT_SECRET ?? "",
    username: env.DOCEBO_USERNAME ?? "",
    password: env.DOCEBO_PASSWORD ?? "",
  }
  const to = stored.to ?? {
    url: env.TO_URL ?? "",
    clientId: env.TO_CLIENT_ID ?? "",
    clientSecret: env.TO_CLIENT_SECRET ?? "",
    platformUrl: env.TO_PLATFORM_URL ?? env.TO_URL ?? "",
  }
  const missing = [
    ...(docebo.url ? [] : ["DOCEBO_URL"]),
    ...(docebo.clientId ? [] : ["DOCEBO_CLIENT_ID"]),
    ...(docebo.clientSecret ? [] : ["DOCEBO_CLIENT_SECRET"]),
    ...(to.url ? [] : ["TO_URL"]),
    ...(to.clientId ? [] : ["TO_CLIENT_ID"]),
    ...(to.clientSecret ? [] : ["TO_CLIENT_SECRET"]),
  ]
  return missing.length > 0 ? { missing } : { connections: { docebo, to } }
}
