import { Schema } from "effect"
import { sql } from "kysely"
import { CourseType, orUnlisted } from "../../engine/model/Values.ts"
import type { CourseStatus } from "../../engine/Status.ts"
import { type CourseStatusRow, chunk, type Db, inTransaction, lastOfEach } from "./Database.ts"
import { fromJsonText, toJsonText } from "./Json.ts"

/** One row of the Courses tab, as the engine derives it: a Docebo ILT/VILT course and how its last sync went. */
export type { CourseStatus }

const courseTypeOf = Schema.decodeSync(orUnlisted(CourseType))

const messagesOf = (text: string): ReadonlyArray<string> => {
  const value = fromJsonText(text)
  return Array.isArray(value) ? value.filter((message): message is string => typeof message === "string") : []
}

export const rowToCourseStatus = (row: CourseStatusRow): CourseStatus => ({
  courseId: row.docebo_course_id,
  code: row.code,
  name: row.name,
  type: courseTypeOf(row.type),
  status: row.status,
  error: row.error,
  warnings: messagesOf(row.warnings),
  lastSyncedAt: row.last_synced_at,
})

/** Creates or replaces the statuses of courses; of two for one course, the last. */
export const upsertCourseStatuses = async (db: Db, statuses: ReadonlyArray<CourseStatus>): Promise<void> => {
  if (statuses.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(lastOfEach(statuses, (status) => status.courseId))) {
      await trx
        .insertInto("course_status")
        .values(
          part.map((s) => ({
            docebo_course_id: s.courseId,
            code: s.code,
            name: s.name,
            type: s.type,
            status: s.status,
            error: s.error,
            warnings: toJsonText(s.warnings),
            last_synced_at: s.lastSyncedAt,
          })),
        )
        .onConflict((oc) =>
          oc.column("docebo_course_id").doUpdateSet((eb) => ({
            code: eb.ref("excluded.code"),
            name: eb.ref("excluded.name"),
            type: eb.ref("excluded.type"),
            status: eb.ref("excluded.status"),
            error: eb.ref("excluded.error"),
            warnings: eb.ref("excluded.warnings"),
            last_synced_at: eb.ref("excluded.last_synced_at"),
          })),
        )
        .execute()
    }
  })
}

/** Courses by name (then id, for courses sharing a name), as the Courses tab lists them. */
export const listCourseStatuses = async (db: Db): Promise<ReadonlyArray<CourseStatus>> => {
  const rows = await db.selectFrom("course_status").selectAll().orderBy("name").orderBy("docebo_course_id").execute()
  return rows.map(rowToCourseStatus)
}

/** Forgets courses that are gone from Docebo (or are no longer ILT/VILT). */
export const deleteCourseStatuses = async (db: Db, courseIds: ReadonlyArray<string>): Promise<void> => {
  if (courseIds.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(courseIds)) {
      await trx.deleteFrom("course_status").where("docebo_course_id", "in", part).execute()
    }
  })
}

export interface CourseStatusQuery {
  readonly status?: CourseStatus["status"]
  /** Part of a code or a name, any case. */
  readonly search?: string
  readonly offset: number
  readonly limit: number
}

export interface CourseStatusPage {
  readonly items: ReadonlyArray<CourseStatus>
  /** How many courses match, over every page. */
  readonly total: number
}

const escapeChar = "\\"

/** `%`, `_` and the escape itself match literally in a search. */
const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (char) => `${escapeChar}${char}`)}%`

/**
 * One page of the Courses tab, filtered in the database: a tenant's ten thousand courses are never all read to show
 * twenty-five of them.
 */
export const queryCourseStatuses = async (db: Db, query: CourseStatusQuery): Promise<CourseStatusPage> => {
  let select = db.selectFrom("course_status")
  if (query.status !== undefined) select = select.where("status", "=", query.status)
  const search = query.search?.trim() ?? ""
  if (search !== "") {
    const pattern = likePattern(search)
    // SQLite has no default escape character, and PostgreSQL's `like` tells cases apart: an explicit one on both,
    // given as a value so that no server setting decides how a backslash in SQL text reads, and lower() on both sides.
    select = select.where(
      sql<boolean>`(lower(code) like ${pattern} escape ${escapeChar} or lower(name) like ${pattern} escape ${escapeChar})`,
    )
  }
  const counted = await select.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirst()
  const rows = await select
    .selectAll()
    .orderBy("name")
    .orderBy("docebo_course_id")
    .limit(query.limit)
    .offset(query.offset)
    .execute()
  return { items: rows.map(rowToCourseStatus), total: Number(counted?.total ?? 0) }
}
