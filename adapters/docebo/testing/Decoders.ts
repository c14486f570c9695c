/**
 * Whole answers decoded with the adapter's own record schemas, for the contract tests. The reads decode a listing's
 * items one by one (`Items` in ../Answers.ts) with these same records; a whole page shows every problem at once.
 */
import { Schema } from "effect"
import { listOf, one } from "../Answers.ts"
import { CourseRecord, EventRecord, SessionRecord, UserRecord } from "../Mapping.ts"

export const decodeCoursePage = Schema.decodeUnknown(listOf(CourseRecord))
export const decodeEventPage = Schema.decodeUnknown(listOf(EventRecord))
export const decodeUserPage = Schema.decodeUnknown(listOf(UserRecord))
export const decodeSession = Schema.decodeUnknown(one(SessionRecord))
