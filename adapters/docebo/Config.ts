import type { Duration } from "effect"
import { type DoceboStamps, defaultDoceboStamps } from "../../engine/Stamps.ts"
import type { Fetch } from "../http/Fetch.ts"
import { defaultRetrySettings, type RetrySettings } from "../http/Policy.ts"
import { defaultInstructorMark, type InstructorMark } from "./InstructorMark.ts"

/** Docebo's OAuth2 grants [doc]: an API user's password grant, or the client's own credentials. */
export type DoceboCredentials =
  | {
      readonly grant: "password"
      readonly clientId: string
      readonly clientSecret: string
      readonly username: string
      readonly password: string
    }
  | { readonly grant: "client_credentials"; readonly clientId: string; readonly clientSecret: string }

export interface DoceboHttpConfig {
  /** The platform, e.g. `https://acme.docebosaas.com`. */
  readonly baseUrl: string
  readonly credentials: DoceboCredentials
  /** Real HTTP by default; a simulator's `app.request` for in-process runs (see `fetchFromApp`). */
  readonly fetch?: Fetch
  /** How long one call may wait for its answer. */
  readonly timeout?: Duration.DurationInput
  readonly retry?: Partial<RetrySettings>
  /** A token is replaced this long before it expires. */
  readonly tokenMargin?: Duration.DurationInput
  /** Event listings (one per session) and user reads (one per id) made at the same time. */
  readonly concurrency?: number
  /** Where the tenant keeps iltsync's session stamps: the session `code` (default) or nowhere. */
  readonly stamps?: DoceboStamps
  /** How the tenant marks a user as an instructor (InstructorMark.ts): `none` (default) or `user-flag`. */
  readonly instructorMark?: InstructorMark
  /** The host the operator confirmed as the main domain, for a tenant without `/manage/v1/domain` (Optional.ts). */
  readonly mainDomain?: string | null
}

export interface DoceboSettings {
  readonly baseUrl: string
  readonly credentials: DoceboCredentials
  readonly fetch: Fetch
  readonly timeout: Duration.DurationInput
  readonly retry: RetrySettings
  readonly tokenMargin: Duration.DurationInput
  readonly concurrency: number
  readonly stamps: DoceboStamps
  readonly instructorMark: InstructorMark
  readonly mainDomain: string | null
}

export const doceboSettings = (config: DoceboHttpConfig): DoceboSettings => ({
  baseUrl: config.baseUrl,
  credentials: config.credentials,
  fetch: config.fetch ?? ((input, init) => fetch(input, init)),
  timeout: config.timeout ?? "30 seconds",
  retry: { ...defaultRetrySettings, ...config.retry },
  tokenMargin: config.tokenMargin ?? "60 seconds",
  concurrency: config.concurrency ?? 4,
  stamps: config.stamps ?? defaultDoceboStamps,
  instructorMark: config.instructorMark ?? defaultInstructorMark,
  mainDomain: config.mainDomain ?? null,
})
