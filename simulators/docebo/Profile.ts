import type { OptionalEndpoints } from "./Config.ts"

/**
 * How a simulated tenant answers beyond its records. `default` has everything iltsync could hope for: every optional
 * endpoint, `Retry-After` on 429s, one webhook delivery per event. `strict` withholds what DOCEBO-API.md does not
 * promise, so that the adapter is shown to cope without it: the [assumed] endpoints answer 404, 429s do not say when
 * to come back, and webhooks come grouped (`payloads`, up to 25 events of one type) [doc].
 */
export type DoceboProfile = "default" | "strict"

export const doceboProfiles: ReadonlyArray<DoceboProfile> = ["default", "strict"]

export interface ProfileSettings {
  readonly retryAfter: boolean
  readonly endpoints: OptionalEndpoints
  /** Whether webhook deliveries group events (`payloads`), for a subscription that does not say (`group`). */
  readonly groupedWebhooks: boolean
}

export const profileSettings: Readonly<Record<DoceboProfile, ProfileSettings>> = {
  default: {
    retryAfter: true,
    endpoints: { webinarAccounts: true, domain: true, sessions: true },
    groupedWebhooks: false,
  },
  strict: {
    retryAfter: false,
    endpoints: { webinarAccounts: false, domain: false, sessions: true },
    groupedWebhooks: true,
  },
}
