/**
 * The endpoints with no public trace (DOCEBO-API.md, [assumed]): iltsync does without each (Optional.ts), and the
 * doctor says how.
 */
import { Effect, Either, Schema } from "effect"
import { differencesOf, observeProblem, observeSample } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { Items, one } from "../Answers.ts"
import { DomainKeys, DomainRecord } from "../Mapping.ts"
import { domainOfUrl } from "../Optional.ts"
import { Routes } from "../Routes.ts"
import { type DoceboDoctorContext, listSample } from "./Samples.ts"

const decodeDomain = Schema.decodeUnknownEither(one(DomainRecord))

const probeWebinarAccounts = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  listSample(context.client, Routes.webinarAccounts, Items.webinarAccount.decode).pipe(
    Effect.map((sample) => observeSample(sample, ["accounts"])),
    Effect.catchAll((problem) => Effect.succeed(observeProblem(problem))),
  )

const subDomain = (host: string) =>
  `${host} is an extended-enterprise sub-domain: iltsync refuses to sync it; configure the main domain's URL`

const probeDomain = (context: DoceboDoctorContext): Effect.Effect<Observation> =>
  context.client.getJson(Routes.domain).pipe(
    Effect.map((body): Observation => {
      const read = decodeDomain(body, { errors: "all" })
      if (Either.isLeft(read)) {
        // Only a 404 is done without: an answer iltsync cannot read stops the service and `credentials set`.
        return {
          status: "differs",
          detail: "the answer differs",
          differences: differencesOf(read.left, body, context.client.scrub),
          willDo: "iltsync cannot read the answer: the service and `credentials set` stop at the domain check",
          blocks: true,
        }
      }
      const { domain, isMainDomain } = read.right.data
      return isMainDomain
        ? { status: "ok", detail: `${domain} is the main domain` }
        : {
            status: "differs",
            detail: `${domain} is not the main domain`,
            differences: [{ path: `data.${DomainKeys.isMainDomain}`, found: "false", records: 1 }],
            willDo: subDomain(domain),
            blocks: true,
          }
    }),
    Effect.catchAll((problem) => {
      const seen = observeProblem(problem)
      if (seen.status !== "missing") return Effect.succeed(seen)
      // Without the endpoint the rule rests on the configured URL and the operator's confirmation (Optional.ts).
      const configured = domainOfUrl(context.baseUrl, context.strategies.mainDomain)
      return Effect.succeed<Observation>(
        configured.checkedBy === "operator"
          ? {
              ...seen,
              willDo: `${configured.domain} is the main domain as the operator confirmed (ILTSYNC_DOCEBO_MAIN_DOMAIN)`,
            }
          : configured.checkedBy === "unconfirmed"
            ? {
                ...seen,
                willDo: `iltsync cannot check that ${configured.domain} is the main domain and refuses to sync until the operator confirms it: set ILTSYNC_DOCEBO_MAIN_DOMAIN=${configured.domain}`,
                blocks: true,
              }
            : { ...seen, willDo: `checked from the configured URL: ${subDomain(configured.domain)}`, blocks: true },
      )
    }),
  )

export const optionalEndpointCapabilities: ReadonlyArray<Capability<DoceboDoctorContext>> = [
  {
    id: "docebo.webinar-accounts",
    name: "webinar accounts",
    system: "docebo",
    endpoint: `GET ${Routes.webinarAccounts.path}`,
    required: false,
    after: "docebo.token",
    probe: probeWebinarAccounts,
    willDo: {
      ok: "accounts are read from Docebo and sent to TO as virtual rooms (Zoom v3 ones are not supported)",
      missing:
        "accounts come from the seed's CSV (id,tool,name,email); no Training Orchestra virtual room is deactivated",
      differs: "an account that differs is left out, and no TO virtual room is deactivated on that listing",
    },
  },
  {
    id: "docebo.domain",
    name: "domain check",
    system: "docebo",
    endpoint: `GET ${Routes.domain.path}`,
    required: false,
    after: "docebo.token",
    probe: probeDomain,
    willDo: { ok: "iltsync works on the main domain only, as Docebo says this is" },
  },
]
