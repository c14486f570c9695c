import { Effect, Either, Equal } from "effect"
import type { ReadError } from "../../engine/Errors.ts"
import type { Listing } from "../../engine/Ports.ts"

export interface Page<A, C> {
  readonly items: ReadonlyArray<A>
  /** Where the next page starts; null after the last page. */
  readonly next: C | null
}

/**
 * Reads pages from `first` to the last. The first page's failure fails the listing; a later page that still fails
 * after its retries ends it partial (`complete: false`) with what was read; a malformed page always fails, since what
 * it holds cannot be told apart from what it lost.
 */
export const readAllPages = <A, C>(
  first: C,
  readPage: (cursor: C) => Effect.Effect<Page<A, C>, ReadError>,
): Effect.Effect<Listing<A>, ReadError> =>
  Effect.gen(function* () {
    const items: A[] = []
    let cursor = first
    for (let pages = 0; ; pages++) {
      const page = yield* Effect.either(readPage(cursor))
      if (Either.isLeft(page)) {
        if (pages === 0 || page.left._tag === "ResponseMalformed") return yield* Effect.fail(page.left)
        return { items, complete: false }
      }
      items.push(...page.right.items)
      const next = page.right.next
      if (next === null) return { items, complete: true }
      // A cursor that does not move would page forever.
      if (Equal.equals(next, cursor)) return { items, complete: false }
      cursor = next
    }
  })

/** One record per id, the last version read: paging while records change may show a record twice. */
export const latestById = <A>(items: ReadonlyArray<A>, idOf: (item: A) => string): ReadonlyArray<A> => {
  const byId = new Map<string, A>()
  for (const item of items) byId.set(idOf(item), item)
  return [...byId.values()]
}
