import type { OptionalEndpoints } from "./Config.ts"

/**
 * How a simulated tenant answers beyond its records. `default` has everything iltsync could hope for: every optional
 * endpoint, `Retry-After` on 429s, one webhook delivery per event. `strict` withholds what DOCEBO-API.md does not
 * promise, so that the adapter is shown to cope without it: the [assumed] endpoints answer 404, 429s do not say when
 * to come back, webhooks come grouped (`payloads`, up to 25 events of one type) [doc], and users carry no instructor flag.
 */
export type DoceboProfile = "default" | "strict"

export const doceboProfiles: ReadonlyArray<DoceboProfile> = ["default", "strict"]

export interface ProfileSettings {
  readonly retryAfter: boolean
  readonly endpoints: OptionalEndpoints
  /** Whether webhook deliveries group events (`payloads`), for a subscription that does not say (`group`). */
  readonly groupedWebhooks: boolean
  /** Whether users carry `is_instructor`: no public answer has it [seen], so a strict tenant's users do not. */
  readonly instructorFlag: boolean
}

export const profileSettings: Readonly<Record<DoceboProfile, ProfileSettings>> = {
  default: {
    retryAfter: true,
    endpoints: { webinarAccounts: true, domain: true, sessions: true },
    groupedWebhooks: false,
    instructorFlag: true,
  },
  strict: {
    retryAfter: false,
    endpoints: { webinarAccounts: false, domain: false, sessions: true },
    groupedWebhooks: true,
    instructorFlag: false,
  },
}
