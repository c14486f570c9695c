import type { Route } from "../http/Request.ts"

/** Docebo's endpoints, with the templates the call accounting counts them by. */
export const Routes = {
  token: { path: "/oauth2/token", template: "/oauth2/token" },
  courses: { path: "/learn/v1/courses", template: "/learn/v1/courses" },
  courseSessions: (courseId: string): Route => ({
    path: `/course/v1/courses/${courseId}/sessions`,
    template: "/course/v1/courses/:id/sessions",
  }),
  session: (sessionId: string): Route => ({
    path: `/course/v1/sessions/${sessionId}`,
    template: "/course/v1/sessions/:id",
  }),
  sessionEvents: (sessionId: string): Route => ({
    path: `/course/v1/sessions/${sessionId}/events`,
    template: "/course/v1/sessions/:id/events",
  }),
  event: (sessionId: string, eventId: string): Route => ({
    path: `/course/v1/sessions/${sessionId}/events/${eventId}`,
    template: "/course/v1/sessions/:id/events/:eventId",
  }),
  locations: { path: "/learn/v1/location", template: "/learn/v1/location" },
  location: (id: string): Route => ({ path: `/learn/v1/location/${id}`, template: "/learn/v1/location/:id" }),
  classrooms: { path: "/learn/v1/classroom", template: "/learn/v1/classroom" },
  classroom: (id: string): Route => ({ path: `/learn/v1/classroom/${id}`, template: "/learn/v1/classroom/:id" }),
  users: { path: "/manage/v1/user", template: "/manage/v1/user" },
  user: (id: string): Route => ({ path: `/manage/v1/user/${id}`, template: "/manage/v1/user/:id" }),
  webinarAccounts: { path: "/webinar/v1/accounts", template: "/webinar/v1/accounts" },
  domain: { path: "/manage/v1/domain", template: "/manage/v1/domain" },
} as const
