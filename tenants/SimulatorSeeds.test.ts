import { describe, expect, it } from "vitest"
import type {
  DoceboCourse,
  DoceboUser,
  DoceboWebinarAccount,
  EventAnswer,
  SessionAnswer,
} from "../simulators/docebo/index.ts"
import { type DoceboList, doceboTestbed } from "../simulators/docebo/TestSupport.ts"
import type {
  ToCourse,
  ToRoom,
  ToSession,
  ToTrainer,
  ToTrainingProvider,
} from "../simulators/training-orchestra/index.ts"
import { type ToPage, toTestbed } from "../simulators/training-orchestra/TestSupport.ts"
import { acmeElearningCourses, makeAcmeTenant } from "./Acme.ts"
import { makeSyntheticDomainTenant } from "./Registry.ts"
import { toSimulatorSeeds } from "./SimulatorSeeds.ts"

const seededTestbeds = (seeds: ReturnType<typeof toSimulatorSeeds>) => {
  const docebo = doceboTestbed({ seed: seeds.docebo })
  const to = toTestbed({ seed: seeds.to })

  /** Every item of a Docebo listing, page by page. */
  const doceboAll = async <T>(path: string): Promise<T[]> => {
    const items: T[] = []
    const separator = path.includes("?") ? "&" : "?"
    for (let page = 1; ; page++) {
      const answer = await docebo.api.get<DoceboList<T>>(`${path}${separator}page=${page}&page_size=200`)
      expect(answer.status).toBe(200)
      items.push(...answer.body.data.items)
      if (!answer.body.data.has_more_data) return items
    }
  }

  /** Every record of a Training Orchestra listing, cursor by cursor. */
  const toAll = async <T>(path: string): Promise<T[]> => {
    const records: T[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`
      const answer = await to.api.get<ToPage<T>>(`${path}?limit=500${query}`)
      expect(answer.status).toBe(200)
      records.push(...answer.body.data)
      cursor = answer.body.next_cursor
    } while (cursor !== null)
    return records
  }

  return { docebo, to, doceboAll, toAll }
}

describe("toSimulatorSeeds", () => {
  it("seeds both simulators with acme, and their APIs list what the tenant holds", async () => {
    const tenant = makeAcmeTenant()
    const { doceboAll, toAll } = seededTestbeds(toSimulatorSeeds(tenant, { elearningCourses: acmeElearningCourses }))

    const courses = await doceboAll<DoceboCourse>("/learn/v1/courses")
    expect(courses).toHaveLength(tenant.docebo.courses.length + acmeElearningCourses.length)
    const typeCount = (type: string) => courses.filter((course) => course.course_type === type).length
    expect(typeCount("elearning")).toBe(acmeElearningCourses.length)
    expect(typeCount("classroom") + typeCount("webinar")).toBe(tenant.docebo.courses.length)
    expect(courses.find((course) => course.id_course === 127)).toMatchObject({ code: "", course_type: "classroom" })
    // Courses that were webinar courses before the migration are classroom courses now; COMP-501 was never migrated.
    expect(courses.find((course) => course.id_course === 132)).toMatchObject({
      code: "DSG-203",
      course_type: "classroom",
      lang_code: "german",
    })
    expect(typeCount("webinar")).toBe(1)
    expect(courses.find((course) => course.course_type === "webinar")).toMatchObject({
      id_course: 142,
      code: "COMP-501",
    })

    const fireSafety = await doceboAll<SessionAnswer>("/course/v1/courses/105/sessions")
    expect(fireSafety.map((session) => session.id)).toEqual([2005, 2006, 2007, 2102])
    expect(fireSafety[2]).toMatchObject({ code: "iltsync:ses_hse110_lyo_0318", enrolled: 5 })
    expect(fireSafety[2]?.instructors.map((instructor) => instructor.id)).toEqual([1006])

    const firstAid = await doceboAll<EventAnswer>("/course/v1/sessions/2009/events")
    expect(firstAid.map((event) => [event.schedule.date, event.schedule.time_begin, event.classroom?.id])).toEqual([
      ["2027-03-15", "09:00:00", 207],
      ["2027-03-16", "09:00:00", 207],
      ["2027-03-17", "09:00:00", 207],
    ])
    const [webinar] = await doceboAll<EventAnswer>("/course/v1/sessions/2017/events")
    expect(webinar).toMatchObject({
      webinar: { tool: "zoom", account_id: 51 },
      duration: 90,
      schedule: { timezone: "Europe/Paris" },
    })
    expect(webinar?.webinar?.join_url).toMatch(/^https:\/\/zoom\.us\/j\/\d+$/)
    // FIN-301, a classroom course, holds an online session beside its onsite one.
    const finance = await doceboAll<SessionAnswer>("/course/v1/courses/113/sessions")
    expect(finance.map((session) => session.id).sort()).toEqual([2011, 2024])
    const online = await doceboAll<EventAnswer>("/course/v1/sessions/2024/events")
    expect(
      online.map((event) => [event.webinar?.tool, event.webinar?.account_id, event.duration, event.location]),
    ).toEqual([
      ["teams", 53, 180, null],
      ["teams", 53, 180, null],
    ])

    const users = await doceboAll<DoceboUser>("/manage/v1/user")
    expect(users).toHaveLength(tenant.docebo.users.length)
    expect(users.filter((user) => user.is_instructor === 1)).toHaveLength(12)
    const accounts = await doceboAll<DoceboWebinarAccount>("/webinar/v1/accounts")
    expect(accounts.map((account) => account.tool).sort()).toEqual(
      ["gotomeeting", "teams", "teams", "webex", "zoom", "zoom", "zoom_v3"].sort(),
    )
    expect(await doceboAll("/learn/v1/location")).toHaveLength(tenant.docebo.locations.length)
    expect(await doceboAll("/learn/v1/classroom")).toHaveLength(tenant.docebo.classrooms.length)

    const toCourses = await toAll<ToCourse>("/courses")
    expect(toCourses).toHaveLength(tenant.to.courses.length)
    expect(toCourses.find((course) => course.code === "PRJ-410")?.external_ref).toBeNull()
    expect(toCourses.find((course) => course.code === "LDR-101")).toMatchObject({ external_ref: "101", language: "en" })

    const sessions = await toAll<ToSession>("/sessions")
    expect(sessions).toHaveLength(tenant.to.sessions.length)
    const statusCount = (status: string) => sessions.filter((session) => session.status === status).length
    expect([statusCount("in_qualification"), statusCount("validated"), statusCount("cancelled")]).toEqual([8, 40, 5])
    const scrum = sessions.find((session) => session.id === "ses_prj420_par_0420")
    // A slot without its own room takes the session's; the second day was moved to another room.
    expect(scrum?.sequences.map((sequence) => [sequence.room_id, sequence.trainer_id, sequence.start])).toEqual([
      ["room_par_lab", "trn_claire_dubois", "09:00"],
      ["room_par_louvre", "trn_claire_dubois", "09:00"],
    ])

    const providers = await toAll<ToTrainingProvider>("/training-providers")
    expect(providers.map((provider) => [provider.id, provider.active])).toEqual(
      expect.arrayContaining([
        ["prv_academy", true],
        ["prv_skillbridge", true],
        ["prv_formapro", false],
      ]),
    )
    expect(await toAll("/sites")).toHaveLength(3)
    const trainers = await toAll<ToTrainer>("/trainers")
    expect(trainers.filter((trainer) => trainer.external_ref !== null)).toHaveLength(12)
    expect(await toAll("/locations")).toHaveLength(4)
    const rooms = await toAll<ToRoom>("/rooms")
    expect(rooms.filter((room) => room.kind === "physical")).toHaveLength(12)
    expect(rooms.filter((room) => room.kind === "virtual").map((room) => room.external_ref)).toEqual(
      expect.arrayContaining(["51", "52", "53", "54", "55"]),
    )
  })

  it("seeds both simulators with a 10,000-course synthetic tenant", async () => {
    const tenant = makeSyntheticDomainTenant(10_000)
    const { docebo, to, toAll } = seededTestbeds(toSimulatorSeeds(tenant))

    const firstPage = await docebo.api.get<DoceboList<DoceboCourse>>(
      "/learn/v1/courses?page_size=200&get_total_count=1",
    )
    expect(firstPage.body.data.total_count).toBe(10_000)
    expect(await toAll("/courses")).toHaveLength(10_000)

    const doceboState = docebo.state.snapshot()
    const eventCount = tenant.docebo.sessions.reduce((sum, session) => sum + session.events.length, 0)
    expect(doceboState.sessions).toHaveLength(tenant.docebo.sessions.length)
    expect(doceboState.events).toHaveLength(eventCount)
    expect(doceboState.users).toHaveLength(tenant.docebo.users.length)
    const toState = to.state.snapshot()
    expect(toState.sessions).toHaveLength(tenant.to.sessions.length)
    expect(toState.trainers).toHaveLength(tenant.to.trainers.length)
    expect(toState.rooms).toHaveLength(tenant.to.rooms.length)
  })

  it("refuses a Docebo id that is not a number, naming it", () => {
    const tenant = makeAcmeTenant()
    const [course, ...rest] = tenant.docebo.courses
    const broken = { ...tenant, docebo: { ...tenant.docebo, courses: [{ ...course, id: "crs_1" }, ...rest] } }
    expect(() => toSimulatorSeeds(broken as typeof tenant)).toThrow('course id "crs_1" is not a Docebo number')
  })
})
