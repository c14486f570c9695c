/**
 * A seeded synthetic tenant at any size: both systems already in step (links recorded), then a realistic mix of
 * changes made in TO since the last sync (sessions moved, new, cancelled). As on a current Docebo tenant, every course
 * is an ILT (`classroom`) course, and each of its sessions is onsite or online on its own. Used by the planner
 * benchmark, and to seed the simulators at scale.
 */
import { pairLinks } from "../engine/Diff.ts"
import type {
  DoceboClassroom,
  DoceboCourse,
  DoceboEvent,
  DoceboLocation,
  DoceboSession,
  DoceboSnapshot,
  DoceboUser,
  DoceboWebinarAccount,
  Links,
  StoreSnapshot,
  ToCourse,
  ToLocation,
  ToRoom,
  ToSession,
  ToSlot,
  ToSnapshot,
  ToTrainer,
  ToTrainingProvider,
  TrainerAssignment,
  WebinarTool,
} from "../engine/Model.ts"
import { stampCode, stampOfCode } from "../engine/Stamps.ts"
import { makeRandom } from "./Random.ts"

export interface SyntheticOptions {
  readonly courses: number
  readonly seed?: number
  readonly sessionsPerCourse?: number
  readonly slotsPerSession?: number
  /** Share of sessions moved, of sessions new, and of sessions cancelled since the last sync (each). */
  readonly changeRate?: number
  /** Share of a course's sessions held online (in a webinar account's virtual room); the others are onsite. */
  readonly onlineShare?: number
  /**
   * A tenant with a past: each session starts on a day drawn from `pastDays` before `today` to `aheadDays` after it
   * (a tenant that has run ILT for years holds far more sessions that are over than sessions to come), and every
   * Docebo copy of a session that is over has learners on it (their attendance is recorded there). Without it, every
   * session lies in the 300 days from 2027-01-04.
   */
  readonly history?: SyntheticHistory
  /** With a past: whether Docebo holds copies of the sessions to come too (the default), or only of those over. */
  readonly liveCopies?: boolean
}

export interface SyntheticHistory {
  /** `YYYY-MM-DD`. */
  readonly today: string
  /** Default three years. */
  readonly pastDays?: number
  /** Default one year. */
  readonly aheadDays?: number
}

export interface SyntheticTenant {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
  readonly changes: {
    readonly moved: number
    readonly added: number
    readonly cancelled: number
    readonly held: number
  }
}

// The generator builds plain mutable records; the snapshot types only promise readers immutability.
type Writable<T> = { -readonly [K in keyof T]: T[K] }
const brand = <T>(value: string) => value as unknown as T

const tools: ReadonlyArray<WebinarTool> = ["zoom", "teams", "webex", "gotomeeting"]
const zones = ["Europe/Paris", "Europe/London", "America/New_York", "Asia/Singapore"]
const cities = ["Paris", "Lyon", "London", "Berlin", "Madrid", "Milan", "New York", "Singapore"]
const languages = [
  ["english", "en"],
  ["french", "fr"],
  ["german", "de"],
  ["italian", "it"],
] as const

/**
 * Repeated values are interned, as a decoder of real API pages can do: a million sessions share a few hundred days
 * and a handful of times, and holding one string per occurrence would measure the generator, not the planner.
 */
const interned = <K, V>(make: (key: K) => V) => {
  const cache = new Map<K, V>()
  return (key: K): V => {
    let value = cache.get(key)
    if (value === undefined) {
      value = make(key)
      cache.set(key, value)
    }
    return value
  }
}
const firstDayMs = Date.UTC(2027, 0, 4)
const dayOf = interned((offset: number) => new Date(firstDayMs + offset * 86_400_000).toISOString().slice(0, 10))
/** The offset `dayOf` gives `day`. */
const offsetOf = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - firstDayMs) / 86_400_000)
const hours = ["08:30", "09:00", "09:30", "13:00", "14:00"]
const endOf = interned((start: string) => `${String(Number(start.slice(0, 2)) + 3).padStart(2, "0")}${start.slice(2)}`)
const withSeconds = interned((time: string) => `${time}:00`)
const instructorsOf = interned((userId: DoceboUser["id"]): ReadonlyArray<DoceboUser["id"]> => [userId])

export const makeSyntheticTenant = (options: SyntheticOptions): SyntheticTenant => {
  const random = makeRandom(options.seed ?? 1)
  const courseCount = options.courses
  const perCourse = options.sessionsPerCourse ?? 10
  const slotsPer = options.slotsPerSession ?? 2
  const rate = options.changeRate ?? 0.01
  const onlineShare = options.onlineShare ?? 0.3
  const history = options.history
  const today = history === undefined ? 0 : offsetOf(history.today)
  const pastDays = history?.pastDays ?? 3 * 365
  const aheadDays = history?.aheadDays ?? 365
  /** The day offset a new session starts on. */
  const firstDay = () => (history === undefined ? random.int(300) : today - pastDays + random.int(pastDays + aheadDays))

  const providers: ToTrainingProvider[] = []
  for (let i = 0; i < Math.max(3, Math.ceil(courseCount / 500)); i++) {
    providers.push({ id: brand(`prv_${i}`), name: `Provider ${i}`, siteId: brand(`site_${i}`), active: true })
  }

  const users: DoceboUser[] = []
  const trainers: ToTrainer[] = []
  const assignments: TrainerAssignment[] = []
  const trainerCount = Math.max(12, Math.ceil(courseCount / 10))
  for (let i = 0; i < trainerCount; i++) {
    const userId = brand<DoceboUser["id"]>(String(10_000 + i))
    const provider = providers[i % providers.length] as ToTrainingProvider
    const first = `Trainer${i}`
    const email = `trainer${i}@example.com`
    users.push({ id: userId, username: `trainer${i}`, firstName: first, lastName: "Smith", email, isInstructor: true })
    trainers.push({
      id: brand(`trn_${i}`),
      firstName: first,
      lastName: "Smith",
      email,
      trainingProviderId: provider.id,
      active: true,
      externalRef: userId,
    })
    assignments.push({
      userId,
      trainingProviderId: provider.id,
      trainingProviderRequestId: null,
      removed: false,
      pending: null,
    })
  }

  const toLocations: ToLocation[] = []
  const doceboLocations: DoceboLocation[] = []
  // Docebo keeps no stamp on locations and classrooms: the last sync's links say which copy is whose.
  const locationLinks: Array<readonly [string, string]> = []
  const classroomLinks: Array<readonly [string, string]> = []
  const physicalRooms: ToRoom[] = []
  const classrooms: DoceboClassroom[] = []
  const classroomOfRoom = new Map<string, DoceboClassroom>()
  for (let i = 0; i < Math.max(4, Math.ceil(courseCount / 50)); i++) {
    const city = cities[i % cities.length] as string
    const location: ToLocation = {
      id: brand(`loc_${i}`),
      name: `Centre ${i}`,
      address: `${i} Main Street`,
      city,
      country: "FR",
    }
    const doceboLocation: DoceboLocation = {
      id: brand(String(500 + i)),
      name: location.name,
      address: `${location.address}, ${city}`,
      countryCode: "FR",
    }
    toLocations.push(location)
    doceboLocations.push(doceboLocation)
    locationLinks.push([doceboLocation.id, location.id])
    for (let r = 0; r < 4; r++) {
      const room: ToRoom = {
        id: brand(`room_${i}_${r}`),
        locationId: location.id,
        name: `Room ${r + 1}`,
        seats: 8 + 4 * r,
        kind: "physical",
        webinarTool: null,
        active: true,
        externalRef: null,
      }
      const classroom: DoceboClassroom = {
        id: brand(String(5_000 + i * 4 + r)),
        locationId: doceboLocation.id,
        name: room.name,
        seats: room.seats,
      }
      physicalRooms.push(room)
      classrooms.push(classroom)
      classroomLinks.push([classroom.id, room.id])
      classroomOfRoom.set(room.id, classroom)
    }
  }

  const accounts: DoceboWebinarAccount[] = []
  const virtualRooms: ToRoom[] = []
  for (let i = 0; i < Math.max(4, Math.ceil(courseCount / 200)); i++) {
    const tool = tools[i % tools.length] as WebinarTool
    const account: DoceboWebinarAccount = {
      id: brand(String(900 + i)),
      tool,
      name: `${tool} ${i}`,
      email: `webinar${i}@example.com`,
    }
    accounts.push(account)
    virtualRooms.push({
      id: brand(`vroom_${i}`),
      locationId: null,
      name: account.name,
      seats: null,
      kind: "virtual",
      webinarTool: tool,
      active: true,
      externalRef: account.id,
    })
  }

  const doceboCourses: DoceboCourse[] = []
  const toCourses: ToCourse[] = []
  const toSessions: ToSession[] = []
  const doceboSessions: DoceboSession[] = []
  const sessionLinks: Array<readonly [string, string]> = []
  const noInstructors: ReadonlyArray<DoceboUser["id"]> = []
  let sessionNumber = 0
  const makeSession = (course: ToCourse, doceboCourse: DoceboCourse, withCopy: boolean) => {
    const n = sessionNumber++
    const onsite = !random.chance(onlineShare)
    const trainerIndex = random.int(trainers.length)
    const trainer = trainers[trainerIndex] as ToTrainer
    const room = onsite ? (random.pick(physicalRooms) as ToRoom) : (random.pick(virtualRooms) as ToRoom)
    const zone = random.pick(zones)
    const start = random.pick(hours)
    const first = firstDay()
    const slots: ToSlot[] = []
    for (let s = 0; s < slotsPer; s++) {
      slots.push({
        id: brand(`slot_${n}_${s}`),
        day: dayOf(first + s),
        start,
        end: endOf(start),
        timezone: zone,
        durationMinutes: onsite ? null : 180,
        trainerId: null,
        roomId: null,
      })
    }
    const session: ToSession = {
      id: brand(`ses_${n}`),
      courseId: course.id,
      name: `${doceboCourse.name} #${n}`,
      status: "validated",
      modality: onsite ? "onsite" : "online",
      minParticipants: onsite ? 4 : null,
      maxParticipants: 12 + random.int(12),
      trainerId: trainer.id,
      locationId: onsite ? room.locationId : null,
      roomId: room.id,
      completionMode: onsite ? null : "attendance",
      slots,
      needsReconfiguration: false,
      externalRef: null,
    }
    toSessions.push(session)
    if (!withCopy || (history !== undefined && options.liveCopies === false && first + slotsPer > today)) return
    const userId = trainer.externalRef as DoceboUser["id"]
    const classroom = onsite ? classroomOfRoom.get(room.id) : undefined
    const events: DoceboEvent[] = slots.map((slot, s) => ({
      id: brand(String(3_000_000 + n * slotsPer + s)),
      name: "",
      day: slot.day,
      timeBegin: withSeconds(slot.start),
      timeEnd: withSeconds(slot.end),
      timezone: slot.timezone,
      locationId: classroom?.locationId ?? null,
      classroomId: classroom?.id ?? null,
      tool: onsite ? null : (room.webinarTool as WebinarTool),
      webinarAccountId: onsite ? null : (room.externalRef as DoceboEvent["webinarAccountId"]),
      durationMinutes: slot.durationMinutes,
      instructors: instructorsOf(userId),
      joinUrl: null,
    }))
    const copy: DoceboSession = {
      id: brand(String(1_000_000 + n)),
      courseId: doceboCourse.id,
      name: session.name,
      maxEnroll: session.maxParticipants,
      minEnroll: session.minParticipants,
      instructors: userId ? instructorsOf(userId) : noInstructors,
      completionType: session.completionMode,
      code: stampCode(session.id),
      enrolled:
        history !== undefined && first + slotsPer <= today
          ? 4 + random.int(8)
          : random.chance(0.5)
            ? random.int(12)
            : 0,
      events,
    }
    doceboSessions.push(copy)
    sessionLinks.push([copy.id, session.id])
  }

  for (let c = 0; c < courseCount; c++) {
    const [doceboLanguage, toLanguage] = random.pick(languages)
    const doceboCourse: DoceboCourse = {
      id: brand(String(100_000 + c)),
      code: `CRS-${c}`,
      name: `Workshop ${c}`,
      type: "ilt",
      language: doceboLanguage,
    }
    // TO's modality follows the course type (engine/Rules.ts, courseRule): an ILT course is onsite in TO, whatever
    // its sessions are.
    const course: ToCourse = {
      id: brand(`crs_${c}`),
      code: doceboCourse.code,
      title: doceboCourse.name,
      modality: "onsite",
      language: toLanguage,
      active: true,
      externalRef: doceboCourse.id,
    }
    doceboCourses.push(doceboCourse)
    toCourses.push(course)
    for (let s = 0; s < perCourse; s++) makeSession(course, doceboCourse, true)
  }

  const docebo: DoceboSnapshot = {
    courses: doceboCourses,
    sessions: doceboSessions,
    locations: doceboLocations,
    classrooms,
    users,
    webinarAccounts: accounts,
    complete: { courses: true, sessions: true, locations: true, classrooms: true, users: true, webinarAccounts: true },
  }
  const to: ToSnapshot = {
    courses: toCourses,
    sessions: toSessions,
    trainingProviders: providers,
    sites: providers.map((p, i) => ({
      id: p.siteId as NonNullable<ToTrainingProvider["siteId"]>,
      name: p.name,
      address: `${i} Provider Road`,
      city: cities[i % cities.length] as string,
      country: "FR",
      trainingProviderId: p.id,
    })),
    trainers,
    locations: toLocations,
    rooms: [...physicalRooms, ...virtualRooms],
    complete: {
      courses: true,
      sessions: true,
      trainingProviders: true,
      sites: true,
      trainers: true,
      locations: true,
      rooms: true,
    },
  }
  // Every pair is linked as the last sync left it; the planner fills in the fingerprints of what was synced.
  const link = (docebo: string, to: string) => ({ docebo, to, fingerprint: "" })
  const linked: Links = {
    course: doceboCourses.map((course, c) => link(course.id, (toCourses[c] as ToCourse).id)),
    session: sessionLinks.map(([docebo, to]) => link(docebo, to)),
    location: locationLinks.map(([docebo, to]) => link(docebo, to)),
    classroom: classroomLinks.map(([docebo, to]) => link(docebo, to)),
    trainer: trainers.map((trainer) => link(trainer.externalRef as string, trainer.id)),
    webinarAccount: virtualRooms.map((room) => link(room.externalRef as string, room.id)),
  }
  const synced: StoreSnapshot = { links: linked, trainers: assignments, providerRequests: [] }
  const store: StoreSnapshot = { ...synced, links: pairLinks(docebo, to, synced) }

  // Changes made in TO since that sync.
  const changeCount = Math.floor(toSessions.length * rate)
  const byIndex = Array.from({ length: toSessions.length }, (_, i) => i)
  for (let i = byIndex.length - 1; i > 0; i--) {
    const j = random.int(i + 1)
    ;[byIndex[i], byIndex[j]] = [byIndex[j] as number, byIndex[i] as number]
  }
  const enrolledBySession = new Map(doceboSessions.map((s) => [stampOfCode(s.code) as string, s.enrolled]))
  let held = 0
  for (let k = 0; k < changeCount * 2 && k < byIndex.length; k++) {
    const session = toSessions[byIndex[k] as number] as Writable<ToSession>
    if (k < changeCount) {
      const [firstSlot, ...rest] = session.slots
      // Without a past, a move goes a year on; with one, a week on, so a session that is over stays over (a change TO
      // makes to history, which is reported and not synced).
      const day = history === undefined ? dayOf(400 + random.int(30)) : dayOf(offsetOf(firstSlot?.day ?? "") + 7)
      if (firstSlot) session.slots = [{ ...firstSlot, day }, ...rest]
    } else {
      session.status = "cancelled"
      if ((enrolledBySession.get(session.id) ?? 0) > 0) held++
    }
  }
  for (let k = 0; k < changeCount; k++) {
    const c = random.int(courseCount)
    makeSession(toCourses[c] as ToCourse, doceboCourses[c] as DoceboCourse, false)
  }
  return { docebo, to, store, changes: { moved: changeCount, added: changeCount, cancelled: changeCount, held } }
}
