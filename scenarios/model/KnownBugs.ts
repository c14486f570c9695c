/**
 * Bugs these suites found in code outside scenarios/, each pinned in Regressions.test.ts (as `it.fails`, naming the
 * rule it breaks). Until each is fixed, the default histories steer around what triggers it, so that they keep
 * finding new failures rather than the same one; the deep run can include them with `ILTSYNC_MODEL_KNOWN_BUGS=1`.
 */
export interface KnownBugs {
  /**
   * engine/Reads.ts: a course whose session listing was partial (its events could not be read) loses its sessions
   * from the known state while keeping its old read time, so later runs recreate copies that exist (duplicates).
   */
  readonly partialSessionListingForgotten: boolean
  /**
   * engine/Reads.ts: a TO session of a course deleted in Docebo that leaves "validated" makes the run read that
   * course's sessions: Docebo answers 404 and every run fails from then on (its TO cursor never moves).
   */
  readonly deletedCourseSessionsRead: boolean
}

export const knownBugs = (): KnownBugs => {
  const included = process.env.ILTSYNC_MODEL_KNOWN_BUGS === "1"
  return { partialSessionListingForgotten: included, deletedCourseSessionsRead: included }
}
