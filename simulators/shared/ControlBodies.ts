import { isPlainObject } from "./Body.ts"
import { InvalidFields } from "./Errors.ts"
import type { Delivery, WebhookSubscription } from "./Webhooks.ts"

/** `POST /__sim/webhooks` body: `{url, secret, authorization?, group?}`; a null url stops deliveries. */
export const parseSubscription = (body: unknown): WebhookSubscription | null => {
  if (!isPlainObject(body)) throw InvalidFields.of("body", "must be an object")
  const { url, secret = null, authorization = null, group } = body
  if (url === null) return null
  if (typeof url !== "string" || !URL.canParse(url)) throw InvalidFields.of("url", "must be an absolute URL or null")
  if (secret !== null && typeof secret !== "string") throw InvalidFields.of("secret", "must be a string or null")
  if (authorization !== null && (typeof authorization !== "string" || /[\r\n]/.test(authorization)))
    throw InvalidFields.of("authorization", "must be a header value (one line) or null")
  if (group !== undefined && typeof group !== "boolean") throw InvalidFields.of("group", "must be true or false")
  return {
    url,
    secret: secret === "" ? null : secret,
    authorization: authorization === "" ? null : authorization,
    // Left out: the simulator's own default (a Docebo profile's).
    ...(group === undefined ? {} : { group }),
  }
}

/** The subscription as shown back: whether it signs, authorizes and groups, never the secret or the header. */
export const describeSubscription = (subscription: WebhookSubscription | null) =>
  subscription && {
    url: subscription.url,
    signed: subscription.secret !== null,
    authorized: (subscription.authorization ?? null) !== null,
    grouped: subscription.group === true,
  }

export const describeDelivery = (delivery: Delivery) => ({
  id: delivery.id,
  event: delivery.event,
  url: delivery.url,
  outcome: delivery.outcome,
  attempts: delivery.attempts,
  next_attempt_at: delivery.outcome === "pending" ? new Date(delivery.nextAttemptAt).toISOString() : null,
  body: JSON.parse(delivery.body) as unknown,
})

/** Reads a `/__sim/config` number that may be null (unlimited). */
export const optionalLimit = (body: Record<string, unknown>, field: string): number | null | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return value
  if (typeof value !== "number" || !(value > 0)) throw InvalidFields.of(field, "must be a positive number or null")
  return value
}
