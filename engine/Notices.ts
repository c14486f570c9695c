/**
 * What a read reports without failing: a record it could not decode, an optional endpoint the tenant does not have.
 * The adapters attach notices to the listing they read; the engine keeps them with what it knows until that listing
 * is read again, and every plan shows them as warnings. Pure.
 */
import type { Warning } from "./Plan.ts"

export interface ReadNotice {
  readonly code: string
  /** What it is about: a record's id, or the endpoint. */
  readonly key: string
  /** Names the field and the value where a record is at fault; never a secret. */
  readonly message: string
  /** The Docebo course it concerns: that course's status shows it. */
  readonly course?: string
}

/**
 * A record of a course could not be decoded: the course fails on its own. Its ops wait (blocked) and its status is an
 * error until a read decodes the record; the other courses go on.
 */
export const recordUnreadable = "docebo_record_unreadable"

/** Whether a notice (or the plan's warning for it) fails its course. */
export const failsCourse = (notice: { readonly code: string; readonly course?: string }): boolean =>
  notice.code === recordUnreadable && notice.course !== undefined

/** A notice as kept with the known state: `source` is the listing it came from (`courses`, `sessions:<course id>`). */
export interface KeptNotice extends ReadNotice {
  readonly source: string
}

/** `kept` with the notices of each source in `read` replaced by what that read reported (none, if it reported none). */
export const replaceNotices = (
  kept: ReadonlyArray<KeptNotice>,
  read: ReadonlyArray<{ readonly source: string; readonly notices: ReadonlyArray<ReadNotice> | undefined }>,
): ReadonlyArray<KeptNotice> => {
  const sources = new Set(read.map((listing) => listing.source))
  return [
    ...kept.filter((notice) => !sources.has(notice.source)),
    ...read.flatMap(({ source, notices }) => (notices ?? []).map((notice) => ({ ...notice, source }))),
  ]
}

/** The plan's warning for a notice. */
export const noticeWarning = (notice: ReadNotice): Warning => ({
  code: notice.code,
  message: notice.message,
  key: notice.key,
  ...(notice.course !== undefined ? { course: notice.course } : {}),
})

/** The courses that fail on their own, each with the first reason read. */
export const failingCourses = (notices: ReadonlyArray<ReadNotice>): ReadonlyMap<string, string> => {
  const failing = new Map<string, string>()
  for (const notice of notices)
    if (failsCourse(notice) && notice.course !== undefined && !failing.has(notice.course))
      failing.set(notice.course, notice.message)
  return failing
}
