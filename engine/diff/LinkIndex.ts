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
  const shared = new Set<string>()
  for (let index = 0; index < links.length; index++) {
    const link = links[index] as Link
    byKey.set(masterKeyOf(link), index)
    const id = replicaIdOf(link)
    const size = byReplica.size
    byReplica.set(id, index)
    // A replica id named by an earlier link too (rare): noted here, its links gathered below.
    if (byReplica.size === size) shared.add(id)
  }
  const sharing = shared.size > 0 ? linksNaming(links, replicaIdOf, shared) : undefined
  const copies = new Array<R | undefined>(links.length).fill(undefined)
  const unlinked: Array<R> = []
  for (const record of replicas) {
    const id = replicaId(record)
    const index = byReplica.get(id)
    if (index === undefined) {
      unlinked.push(record)
      continue
    }
    const all = sharing?.get(id)
    if (all === undefined) copies[index] = record
    else for (const each of all) copies[each] = record
  }
  return { byKey, copies, unlinked, isLinked: (id) => byReplica.has(id) }
}

/** For replica ids that several links name: every one of those links. */
const linksNaming = (
  links: ReadonlyArray<Link>,
  replicaIdOf: (link: Link) => string,
  ids: ReadonlySet<string>,
): ReadonlyMap<string, ReadonlyArray<number>> => {
  const out = new Map<string, Array<number>>()
  links.forEach((link, index) => {
    const id = replicaIdOf(link)
    if (!ids.has(id)) return
    const list = out.get(id)
    if (list) list.push(index)
    else out.set(id, [index])
  })
  return out
}
