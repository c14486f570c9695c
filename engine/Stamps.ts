/**
 * Where iltsync keeps, on a Docebo session it makes, the id of the Training Orchestra session it mirrors: the stamp
 * that finds a copy again when its link is lost. No public source shows Docebo keeping an `external_id` on sessions,
 * events, locations or classrooms; a session has a `code` [seen as `session_code` in webhooks] (DOCEBO-API.md, "Where
 * a foreign id can be stamped"). Each tenant's place is a setting: `code` (the default, SYNC-RULES.md) or `none`.
 * Events, locations and classrooms are never stamped: they are found by their natural keys.
 */

/** Where a tenant keeps iltsync's session stamps: in the session `code`, or nowhere. */
export type DoceboStamps = "code" | "none"

export const doceboStampPlaces: ReadonlyArray<DoceboStamps> = ["code", "none"]

export const defaultDoceboStamps: DoceboStamps = "code"

/**
 * A stamp is written with a prefix, so that a code an administrator gave a session made in Docebo is never taken for
 * the id of a TO session that is gone (whose copy would then be deleted).
 */
const prefix = "iltsync:"

/** The session code that stamps a TO session id. */
export const stampCode = (toSessionId: string): string => `${prefix}${toSessionId}`

/** The TO session id a session code stamps; null for any other code (one made in Docebo, or none). */
export const stampOfCode = (code: string | null | undefined): string | null => {
  const trimmed = code?.trim() ?? ""
  return trimmed.startsWith(prefix) && trimmed.length > prefix.length ? trimmed.slice(prefix.length) : null
}

/** The TO session id stamped on a Docebo session where the tenant keeps stamps; null where it keeps none. */
export const sessionStamp =
  (stamps: DoceboStamps) =>
  (session: { readonly code?: string | undefined }): string | null =>
    stamps === "code" ? stampOfCode(session.code) : null
