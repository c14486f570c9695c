import type { System } from "../Plan.ts"

export const systemName: Readonly<Record<System, string>> = { docebo: "Docebo", to: "Training Orchestra" }

export const entityName: Readonly<Record<string, string>> = {
  trainingProvider: "training provider",
  webinarAccount: "webinar account",
  course: "course",
  location: "location",
  classroom: "classroom",
  trainer: "trainer",
  session: "session",
  event: "event",
}
