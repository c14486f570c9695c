import { shapeOf, Table } from "../shared/Table.ts"
import { sessionDatesOf } from "./Dates.ts"
import {
  classroomKeys,
  courseKeys,
  type DoceboClassroom,
  type DoceboCourse,
  type DoceboEvent,
  type DoceboLocation,
  type DoceboSession,
  type DoceboState,
  type DoceboUser,
  type DoceboWebinarAccount,
  eventKeys,
  locationKeys,
  sessionKeys,
  userKeys,
  webinarAccountKeys,
} from "./Types.ts"

const addTo = (index: Map<number, Set<number>>, parent: number, child: number) => {
  const children = index.get(parent)
  if (children) children.add(child)
  else index.set(parent, new Set([child]))
}

/** The records of one Docebo tenant, with the parent → children indexes that listings need. */
export class DoceboStore {
  readonly courses = new Table<number, DoceboCourse>((row) => row.id_course, shapeOf(courseKeys))
  readonly sessions = new Table<number, DoceboSession>((row) => row.id, shapeOf(sessionKeys))
  readonly events = new Table<number, DoceboEvent>((row) => row.id, shapeOf(eventKeys))
  readonly locations = new Table<number, DoceboLocation>((row) => row.id_location, shapeOf(locationKeys))
  readonly classrooms = new Table<number, DoceboClassroom>((row) => row.id_classroom, shapeOf(classroomKeys))
  readonly users = new Table<number, DoceboUser>((row) => row.user_id, shapeOf(userKeys))
  readonly webinarAccounts = new Table<number, DoceboWebinarAccount>((row) => row.id, shapeOf(webinarAccountKeys))
  private sessionsByCourse = new Map<number, Set<number>>()
  private eventsBySession = new Map<number, Set<number>>()
  private lastIds = new Map<Table<number, unknown>, number>()

  /** Ids are never reused, even after a delete, as in Docebo: each table's last id is taken when it is loaded. */
  nextId<R>(table: Table<number, R>): number {
    const key = table as Table<number, unknown>
    const next = (this.lastIds.get(key) ?? 0) + 1
    this.lastIds.set(key, next)
    return next
  }

  private lastIdOf(table: Table<number, unknown>): number {
    let last = 0
    for (const id of table.keys()) last = Math.max(last, id)
    return last
  }

  sessionsOf(courseId: number): DoceboSession[] {
    return [...(this.sessionsByCourse.get(courseId) ?? [])].flatMap((id) => this.sessions.get(id) ?? [])
  }

  eventsOf(sessionId: number): DoceboEvent[] {
    return [...(this.eventsBySession.get(sessionId) ?? [])].flatMap((id) => this.events.get(id) ?? [])
  }

  putSession(session: DoceboSession): void {
    this.sessions.put(session)
    addTo(this.sessionsByCourse, session.id_course, session.id)
  }

  putEvent(event: DoceboEvent): void {
    this.events.put(event)
    addTo(this.eventsBySession, event.id_session, event.id)
    this.refreshSessionDates(event.id_session)
  }

  deleteEvent(id: number): void {
    const event = this.events.get(id)
    if (!event) return
    this.events.delete(id)
    this.eventsBySession.get(event.id_session)?.delete(id)
    this.refreshSessionDates(event.id_session)
  }

  deleteSession(id: number): void {
    const session = this.sessions.get(id)
    if (!session) return
    for (const eventId of this.eventsBySession.get(id) ?? []) this.events.delete(eventId)
    this.eventsBySession.delete(id)
    this.sessions.delete(id)
    this.sessionsByCourse.get(session.id_course)?.delete(id)
  }

  deleteCourse(id: number): void {
    for (const sessionId of [...(this.sessionsByCourse.get(id) ?? [])]) this.deleteSession(sessionId)
    this.sessionsByCourse.delete(id)
    this.courses.delete(id)
  }

  /** Replaces everything with `state`, which the caller has already checked. */
  load(state: DoceboState): void {
    this.courses.load(state.courses)
    this.sessions.load(state.sessions)
    this.events.load(state.events)
    this.locations.load(state.locations)
    this.classrooms.load(state.classrooms)
    this.users.load(state.users)
    this.webinarAccounts.load(state.webinar_accounts)
    this.sessionsByCourse = new Map()
    this.eventsBySession = new Map()
    const tables = [
      this.courses,
      this.sessions,
      this.events,
      this.locations,
      this.classrooms,
      this.users,
      this.webinarAccounts,
    ]
    this.lastIds = new Map(
      tables.map((table) => [table as Table<number, unknown>, this.lastIdOf(table as Table<number, unknown>)]),
    )
    for (const session of state.sessions) addTo(this.sessionsByCourse, session.id_course, session.id)
    for (const event of state.events) addTo(this.eventsBySession, event.id_session, event.id)
  }

  snapshot(): DoceboState {
    return {
      courses: [...this.courses.values()],
      sessions: [...this.sessions.values()],
      events: [...this.events.values()],
      locations: [...this.locations.values()],
      classrooms: [...this.classrooms.values()],
      users: [...this.users.values()],
      webinar_accounts: [...this.webinarAccounts.values()],
    }
  }

  private refreshSessionDates(sessionId: number): void {
    const session = this.sessions.get(sessionId)
    if (session) this.sessions.put({ ...session, ...sessionDatesOf(this.eventsOf(sessionId)) })
  }
}
