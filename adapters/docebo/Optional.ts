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
      message: `this Docebo tenant has no webinar-accounts endpoint (${Routes.webinarAccounts.path} answered 404): no account is read from Docebo and no Training Orchestra virtual room is deactivated; import the seed's CSV of accounts (id,tool,name,email) with \`iltsync webinar-accounts --import FILE\` or PUT /webinar-accounts`,
    },
  ],
}

export const webinarAccountsOr404 = (
  read: Effect.Effect<Listing<DoceboWebinarAccount>, ReadError>,
): Effect.Effect<Listing<DoceboWebinarAccount>, ReadError> =>
  Effect.catchIf(read, isNotFound, () => Effect.succeed(accountsUnavailable))

/**
 * Whether the configured URL is a main domain, for a tenant without `/manage/v1/domain`. A host with more than one
 * label before `docebosaas.com` (`emea.acme.docebosaas.com`) is an extended-enterprise sub-domain [assumed] and refused.
 * Any other host (`acme.docebosaas.com`, a custom domain) cannot be told apart from a sub-domain by its name, so it is
 * taken as the main domain only when the operator has confirmed that very host (`ILTSYNC_DOCEBO_MAIN_DOMAIN`).
 */
export const domainOfUrl = (baseUrl: string, confirmed: string | null): DoceboDomain => {
  const host = new URL(baseUrl).hostname.toLowerCase()
  const labels = host.endsWith(".docebosaas.com") ? host.slice(0, -".docebosaas.com".length).split(".") : [host]
  if (labels.length > 1) return { domain: host, isMainDomain: false, checkedBy: "configured-url" }
  return confirmed?.trim().toLowerCase() === host
    ? { domain: host, isMainDomain: true, checkedBy: "operator" }
    : { domain: host, isMainDomain: false, checkedBy: "unconfirmed" }
}

/** The domain check; a tenant without the endpoint (404) is judged from the configured URL instead of failing. */
export const domainOr404 = (
  read: Effect.Effect<DoceboDomain, ReadError>,
  baseUrl: string,
  confirmed: string | null,
): Effect.Effect<DoceboDomain, ReadError> =>
  Effect.catchIf(read, isNotFound, () => Effect.succeed(domainOfUrl(baseUrl, confirmed)))
