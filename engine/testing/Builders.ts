/** Small builders for hand-written test snapshots: every field defaulted, ids given as plain strings. */
import type {
  DoceboClassroom,
  DoceboCourse,
  DoceboEvent,
  DoceboLocation,
  DoceboSession,
  DoceboSnapshot,
  DoceboUser,
  DoceboWebinarAccount,
} from "../model/Docebo.ts"
import type { StoreSnapshot, TrainerAssignment } from "../model/Store.ts"
import { emptyLinks } from "../model/Store.ts"
import type {
  ToCourse,
  ToLocation,
  ToRoom,
  ToSession,
  ToSlot,
  ToSnapshot,
  ToTrainer,
  ToTrainingProvider,
} from "../model/Training.ts"

// Tests speak in plain strings; the brands only guard production code from mixing id spaces.
type Loose<T> = {
  -readonly [K in keyof T]?: T[K] extends string & { readonly [x: symbol]: unknown } ? string : unknown
}
const cast = <T>(value: object): T => value as T

export const doceboCourse = (id: string, over: Loose<DoceboCourse> = {}): DoceboCourse =>
  cast({ id, code: `C-${id}`, name: `Course ${id}`, type: "ilt", language: "english", ...over })

export const doceboEvent = (id: string, over: Loose<DoceboEvent> = {}): DoceboEvent =>
  cast({
    id,
    name: "",
    day: "2027-01-10",
    timeBegin: "09:00:00",
    timeEnd: "17:00:00",
    timezone: "Europe/Paris",
    locationId: null,
    classroomId: null,
    tool: null,
    webinarAccountId: null,
    durationMinutes: null,
    instructors: [],
    joinUrl: null,
    ...over,
  })

export const doceboSession = (id: string, courseId: string, over: Loose<DoceboSession> = {}): DoceboSession =>
  cast({
    id,
    courseId,
    name: `Session ${id}`,
    maxEnroll: 20,
    minEnroll: 5,
    instructors: [],
    completionType: null,
    enrolled: 0,
    events: [],
    ...over,
  })

export const doceboLocation = (id: string, over: Loose<DoceboLocation> = {}): DoceboLocation =>
  cast({ id, name: `Location ${id}`, address: "1 Main St, Paris", countryCode: "FR", ...over })

export const doceboClassroom = (id: string, locationId: string, over: Loose<DoceboClassroom> = {}): DoceboClassroom =>
  cast({ id, locationId, name: `Room ${id}`, seats: 12, ...over })

export const doceboUser = (id: string, over: Loose<DoceboUser> = {}): DoceboUser =>
  cast({
    id,
    username: `user${id}`,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    email: `user${id}@example.com`,
    isInstructor: false,
    ...over,
  })

export const webinarAccount = (id: string, over: Loose<DoceboWebinarAccount> = {}): DoceboWebinarAccount =>
  cast({ id, tool: "teams", name: `Account ${id}`, email: `acct${id}@example.com`, ...over })

export const toCourse = (id: string, over: Loose<ToCourse> = {}): ToCourse =>
  cast({
    id,
    code: `C-${id}`,
    title: `Course ${id}`,
    modality: "onsite",
    language: "en",
    active: true,
    externalRef: null,
    ...over,
  })

export const toSlot = (id: string, over: Loose<ToSlot> = {}): ToSlot =>
  cast({
    id,
    day: "2027-01-10",
    start: "09:00",
    end: "17:00",
    timezone: "Europe/Paris",
    durationMinutes: null,
    trainerId: null,
    roomId: null,
    ...over,
  })

export const toSession = (id: string, courseId: string, over: Loose<ToSession> = {}): ToSession =>
  cast({
    id,
    courseId,
    name: `Session ${id}`,
    status: "validated",
    modality: "onsite",
    minParticipants: 5,
    maxParticipants: 20,
    trainerId: null,
    locationId: null,
    roomId: null,
    completionMode: null,
    slots: [],
    needsReconfiguration: false,
    externalRef: null,
    ...over,
  })

export const toProvider = (id: string, over: Loose<ToTrainingProvider> = {}): ToTrainingProvider =>
  cast({ id, name: `Provider ${id}`, siteId: `site-${id}`, active: true, ...over })

export const toTrainer = (id: string, over: Loose<ToTrainer> = {}): ToTrainer =>
  cast({
    id,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    email: `trainer${id}@example.com`,
    trainingProviderId: null,
    active: true,
    externalRef: null,
    ...over,
  })

export const toLocation = (id: string, over: Loose<ToLocation> = {}): ToLocation =>
  cast({ id, name: `Location ${id}`, address: "1 Main St", city: "Paris", country: "FR", ...over })

export const toRoom = (id: string, over: Loose<ToRoom> = {}): ToRoom =>
  cast({
    id,
    locationId: null,
    name: `Room ${id}`,
    seats: 12,
    kind: "physical",
    webinarTool: null,
    active: true,
    externalRef: null,
    ...over,
  })

export const assignment = (userId: string, over: Loose<TrainerAssignment> = {}): TrainerAssignment =>
  cast({ userId, trainingProviderId: null, trainingProviderRequestId: null, removed: false, pending: null, ...over })

const allComplete = <K extends string>(keys: ReadonlyArray<K>) =>
  Object.fromEntries(keys.map((key) => [key, true])) as Record<K, boolean>

export const doceboSnapshot = (over: Partial<DoceboSnapshot> = {}): DoceboSnapshot => ({
  courses: [],
  sessions: [],
  locations: [],
  classrooms: [],
  users: [],
  webinarAccounts: [],
  complete: allComplete(["courses", "sessions", "locations", "classrooms", "users", "webinarAccounts"]),
  ...over,
})

export const toSnapshot = (over: Partial<ToSnapshot> = {}): ToSnapshot => ({
  courses: [],
  sessions: [],
  trainingProviders: [],
  sites: [],
  trainers: [],
  locations: [],
  rooms: [],
  complete: allComplete(["courses", "sessions", "trainingProviders", "sites", "trainers", "locations", "rooms"]),
  ...over,
})

export const storeSnapshot = (over: Partial<StoreSnapshot> = {}): StoreSnapshot => ({
  links: emptyLinks,
  trainers: [],
  providerRequests: [],
  ...over,
})
