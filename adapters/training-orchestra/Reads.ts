import { Effect } from "effect"
import type { ReadError } from "../../engine/Errors.ts"
import type { ToListing, ToRecords, ToResource } from "../../engine/Ports.ts"
import type { HttpClient } from "../http/Client.ts"
import type { Decoder } from "../http/Decode.ts"
import { readFailed } from "../http/Failure.ts"
import { latestById, readAllPages } from "../http/Paging.ts"
import { get } from "../http/Request.ts"
import {
  decodeCoursePage,
  decodeLocationPage,
  decodeProviderPage,
  decodeRoomPage,
  decodeSessionPage,
  decodeSitePage,
  decodeTrainerPage,
} from "./Answers.ts"
import { Routes } from "./Routes.ts"

/** TO's largest page. */
const pageLimit = 500

type Stamped<A> = A & { readonly updatedAt: string }

interface ToPage<A> {
  readonly data: ReadonlyArray<Stamped<A>>
  readonly next_cursor: string | null
}

export const pageDecoders: { readonly [R in ToResource]: Decoder<ToPage<ToRecords[R]>> } = {
  courses: decodeCoursePage,
  sessions: decodeSessionPage,
  trainingProviders: decodeProviderPage,
  sites: decodeSitePage,
  trainers: decodeTrainerPage,
  locations: decodeLocationPage,
  rooms: decodeRoomPage,
}

/** The latest of the `updated_at` stamps, compared as instants. */
const newestOf = (stamps: ReadonlyArray<string>): string | null =>
  stamps.reduce<string | null>(
    (newest, stamp) => (newest === null || Date.parse(stamp) > Date.parse(newest) ? stamp : newest),
    null,
  )

const withoutStamp = <A>({ updatedAt: _, ...record }: Stamped<A>): A => record as A

/**
 * Every record of a resource, or those changed since `updatedSince` (inclusive), 500 a page by cursor. Records come
 * ordered by `updated_at`, so even a partial listing's `newest` is a safe place to resume from; a record changed while
 * paging shows up again at the end, and the last version read wins.
 */
export const makeToReads = (client: HttpClient) =>
  Effect.fn("ToHttp.list")(function* <R extends ToResource>(
    resource: R,
    options?: { readonly updatedSince?: string },
  ): Effect.fn.Return<ToListing<ToRecords[R]>, ReadError> {
    const route = Routes.list(resource)
    const decode = client.decode(pageDecoders[resource], route.path)
    const updatedSince = options?.updatedSince
    const listing = yield* readAllPages<Stamped<ToRecords[R]>, string | undefined>(undefined, (cursor) =>
      client.send(get(route, { limit: pageLimit, updated_since: updatedSince, cursor })).pipe(
        Effect.mapError(readFailed("to", route.path)),
        Effect.flatMap(decode),
        Effect.map((page) => ({ items: page.data, next: page.next_cursor })),
      ),
    )
    const items = latestById(listing.items, (item) => item.id)
    return {
      items: items.map(withoutStamp),
      complete: listing.complete,
      newest: newestOf(listing.items.map((item) => item.updatedAt)),
    }
  })
