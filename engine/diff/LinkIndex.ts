import type { Link } from "../model/Store.ts"

/** One flow's links, indexed once: which link a master key has, and which listed replica record each link names. */
export interface LinkIndex<R> {
  /** Master key → the index of its link (the last one, when a key is linked twice). */
  readonly byKey: ReadonlyMap<string, number>
  /** Link index → the replica record its replica id names (the last listed with that id), if it is listed. */
  readonly copies: ReadonlyArray<R | undefined>
  /** Replica records that no link names, in listing order. */
  readonly unlinked: ReadonlyArray<R>
  /** Whether some link names this replica id. */
  readonly isLinked: (replicaId: string) => boolean
}

/**
 * Indexes the links and sorts the replica listing into linked copies and unlinked records in one pass. On a quiet
 * tenant every record is linked and these maps are the flow's largest cost (sessions: one entry per session), so a
 * linked copy is found through its link's position rather than through a third map of replica ids.
 */
export const indexLinks = <R>(
  links: ReadonlyArray<Link>,
  masterKeyOf: (link: Link) => string,
  replicaIdOf: (link: Link) => string,
  replicas: ReadonlyArray<R>,
  replicaId: (record: R) => string,
): LinkIndex<R> => {
  const byKey = new Map<string, number>()
  const byReplica = new Map<string, number>()
  // Links naming a replica id that an earlier link names too (rare): they all find the same copy.
  let sharing: Map<number, Array<number>> | undefined
  for (let index = 0; index < links.length; index++) {
    const link = links[index] as Link
    byKey.set(masterKeyOf(link), index)
    const id = replicaIdOf(link)
    const first = byReplica.get(id)
    if (first === undefined) byReplica.set(id, index)
    else {
      sharing ??= new Map()
      const others = sharing.get(first)
      if (others) others.push(index)
      else sharing.set(first, [index])
    }
  }
  const copies = new Array<R | undefined>(links.length).fill(undefined)
  const unlinked: Array<R> = []
  for (const record of replicas) {
    const first = byReplica.get(replicaId(record))
    if (first === undefined) {
      unlinked.push(record)
      continue
    }
    copies[first] = record
    const others = sharing?.get(first)
    if (others) for (const index of others) copies[index] = record
  }
  return { byKey, copies, unlinked, isLinked: (id) => byReplica.has(id) }
}
