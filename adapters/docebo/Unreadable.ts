/**
 * Docebo records iltsync could not decode, as the notices a listing carries (engine/Notices.ts). A course's record
 * (the course itself, one of its sessions or events) fails that course alone; any other record leaves its listing
 * partial. The message names the resource, the field and the value found, scrubbed of every secret the client knows.
 */
import { type ReadNotice, recordUnreadable } from "../../engine/Notices.ts"
import { type Rejected, rawId, shownValue } from "../http/Items.ts"

/** A record that could not be decoded, as read from its page. */
export interface Unread {
  readonly id: string | null
  readonly resource: string
  /** `data.items[3].day`, with the page when it is not the first. */
  readonly where: string
  readonly found: string
}

export const unreadOf = (
  rejected: Rejected,
  where: { readonly resource: string; readonly page: number; readonly idKey: string },
  scrub: (text: string) => string,
): Unread => ({
  id: rawId(rejected.item, where.idKey),
  resource: where.resource,
  where: `${where.page > 1 ? `page ${where.page}, ` : ""}data.items[${rejected.index}].${rejected.field}`,
  found: shownValue(rejected.found, scrub),
})

const what = (record: string, unread: Unread) =>
  `Docebo ${record}${unread.id === null ? "" : ` ${unread.id}`} could not be read (${unread.resource}: ${unread.where} is ${unread.found})`

/** A record of `course` (the course itself, a session or an event of it): the course fails on its own. */
export const courseRecordUnreadable = (record: string, unread: Unread, course: string): ReadNotice => ({
  code: recordUnreadable,
  key: unread.id ?? `${unread.resource} ${unread.where}`,
  course,
  message: `${what(record, unread)}; course ${course} is not synced until it can be`,
})

/** A record of no course's (a location, a user) or whose course cannot be told: its listing is partial. */
export const recordLeftOut = (record: string, unread: Unread): ReadNotice => ({
  code: recordUnreadable,
  key: unread.id ?? `${unread.resource} ${unread.where}`,
  message: `${what(record, unread)}; it is left out, and nothing is removed on the strength of that listing`,
})
