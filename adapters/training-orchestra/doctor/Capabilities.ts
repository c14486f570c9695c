/**
 * What iltsync relies on in Training Orchestra, one entry each: its token and each listing, whose first page is decoded
 * with the adapter's own page decoders.
 */
import { Effect, Either } from "effect"
import type { ToResource } from "../../../engine/Ports.ts"
import {
  counted,
  type DoctorClient,
  differencesOf,
  mergeDifferences,
  observeProblem,
  tokenCapability,
} from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import type { Decoder } from "../../http/Decode.ts"
import { pageDecoders } from "../Reads.ts"
import { Routes, resourcePaths } from "../Routes.ts"

export interface ToDoctorContext {
  readonly client: DoctorClient
}

/** A first page small enough to be cheap, large enough to show a shape. */
const sampleSize = 20

const names: Readonly<Record<ToResource, string>> = {
  courses: "TO courses",
  sessions: "TO sessions",
  trainingProviders: "TO training providers",
  sites: "TO sites",
  trainers: "TO trainers",
  locations: "TO locations",
  rooms: "TO rooms",
}

const countOf = (body: unknown): number => {
  const data = typeof body === "object" && body !== null ? (body as { data?: unknown }).data : undefined
  return Array.isArray(data) ? data.length : 0
}

/** Any listing's page decoder, for what every page has (`data`). */
const decodePage = (resource: ToResource): Decoder<{ readonly data: ReadonlyArray<unknown> }> => pageDecoders[resource]

const probeListing =
  (resource: ToResource) =>
  (context: ToDoctorContext): Effect.Effect<Observation> =>
    context.client.getJson(Routes.list(resource), { limit: sampleSize }).pipe(
      Effect.flatMap((body) =>
        Effect.map(Effect.either(decodePage(resource)(body, { errors: "all" })), (read): Observation => {
          if (Either.isRight(read))
            return { status: "ok", detail: `${counted(read.right.data.length, "records")} read` }
          // The same field of many records is one difference: `data[].name`, in how many records.
          const differences = mergeDifferences(
            differencesOf(read.left, body, context.client.scrub).map((difference) => [
              { ...difference, path: difference.path.replace(/\[\d+\]/g, "[]") },
            ]),
          )
          return { status: "differs", detail: `a page of ${counted(countOf(body), "records")} differs`, differences }
        }),
      ),
      Effect.catchAll((problem) => Effect.succeed(observeProblem(problem))),
    )

const listing = (resource: ToResource): Capability<ToDoctorContext> => ({
  id: `to.${resourcePaths[resource]}`,
  name: names[resource],
  system: "to",
  endpoint: `GET ${Routes.list(resource).template}`,
  required: true,
  after: "to.token",
  probe: probeListing(resource),
  willDo: {
    ok: "read by cursor, only what changed since the last run",
    differs: "iltsync cannot read this listing: a page that differs stops every run's read of Training Orchestra",
  },
})

export const toCapabilities: ReadonlyArray<Capability<ToDoctorContext>> = [
  tokenCapability({
    system: "to",
    name: "Training Orchestra token",
    endpoint: "POST /oauth/token",
    urlSetting: "TO_URL",
  }),
  ...(Object.keys(resourcePaths) as ReadonlyArray<ToResource>).map(listing),
]
