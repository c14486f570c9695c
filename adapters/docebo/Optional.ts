/**
 * Docebo endpoints with no public trace (DOCEBO-API.md, [assumed]): a tenant may not have them. Each is read behind
 * one function here, which survives a 404 by saying how iltsync does without the endpoint.
 */
import { Effect } from "effect"
import type { ReadError } from "../../engine/Errors.ts"
import type { DoceboWebinarAccount } from "../../engine/model/Docebo.ts"
import type { DoceboDomain, Listing } from "../../engine/Ports.ts"
import { Routes } from "./Routes.ts"

const isNotFound = (failure: ReadError) => failure._tag === "ReadFailed" && failure.status === 404

/**
 * No account is known without `/webinar/v1/accounts`: the listing is partial, so no TO virtual room is deactivated on
 * its strength, and every plan says where the accounts must come from instead.
 */
const accountsUnavailable: Listing<DoceboWebinarAccount> = {
  items: [],
  complete: false,
  notices: [
    {
      code: "webinar_accounts_unavailable",
      key: Routes.webinarAccounts.path,
      message: `this Docebo tenant has no webinar-accounts endpoint (${Routes.webinarAccounts.path} answered 404): no account is read from Docebo and no Training Orchestra virtual room is deactivated; the accounts must come from the seed's CSV (id,tool,name,email)`,
    },
  ],
}

export const webinarAccountsOr404 = (
  read: Effect.Effect<Listing<DoceboWebinarAccount>, ReadError>,
): Effect.Effect<Listing<DoceboWebinarAccount>, ReadError> =>
  Effect.catchIf(read, isNotFound, () => Effect.succeed(accountsUnavailable))

/**
 * Whether the configured URL is a main domain, for a tenant without `/manage/v1/domain`: a host with one label before
 * `docebosaas.com` (`acme.docebosaas.com`) is a main domain, one with more (`emea.acme.docebosaas.com`) is an
 * extended-enterprise sub-domain [assumed]; a custom domain cannot be told apart and is taken as configured.
 */
export const domainOfUrl = (baseUrl: string): DoceboDomain => {
  const host = new URL(baseUrl).hostname.toLowerCase()
  const labels = host.endsWith(".docebosaas.com") ? host.slice(0, -".docebosaas.com".length).split(".") : [host]
  return { domain: host, isMainDomain: labels.length === 1, checkedBy: "configured-url" }
}

/** The domain check; a tenant without the endpoint (404) is judged from the configured URL instead of failing. */
export const domainOr404 = (
  read: Effect.Effect<DoceboDomain, ReadError>,
  baseUrl: string,
): Effect.Effect<DoceboDomain, ReadError> =>
  Effect.catchIf(read, isNotFound, () => Effect.succeed(domainOfUrl(baseUrl)))
