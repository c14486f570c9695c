/**
 * Bugs these suites found in code outside scenarios/, each pinned in Regressions.test.ts. While one is open, the
 * histories steer around what triggers it (its flag false), so that they keep finding new failures rather than the
 * same one; once fixed, its flag is true and the histories exercise it again.
 */
export interface KnownBugs {
  /**
   * Fixed. engine/Reads.ts: a course whose session listing was partial (its events could not be read) loses its sessions
   * from the known state while keeping its old read time, so later runs recreate copies that exist (duplicates).
   */
  readonly partialSessionListingForgotten: boolean
  /**
   * Fixed. engine/Reads.ts: a TO session of a course deleted in Docebo that leaves "validated" makes the run read that
   * course's sessions: Docebo answers 404 and every run fails from then on (its TO cursor never moves).
   */
  readonly deletedCourseSessionsRead: boolean
  /**
   * Fixed. engine/Reads.ts with the webhook worker's narrow reads (harness/service/Inbox.ts): a run that does not
   * list Docebo's courses (a TO session webhook's) read the sessions of a course deleted in Docebo since it was last
   * listed, got 404, and failed whole. A 404 on a course's sessions now means the course is gone.
   */
  readonly deletedCourseInWebhookRun: boolean
}

/** All three are fixed in engine/Reads.ts: histories include what triggered them. */
export const knownBugs = (): KnownBugs => ({
  partialSessionListingForgotten: true,
  deletedCourseSessionsRead: true,
  deletedCourseInWebhookRun: true,
})
