import { describe, expect, it } from "vitest"
import type { EventAnswer } from "./Answers.ts"
import { type DoceboErrorBody, type DoceboList, doceboTestbed } from "./TestSupport.ts"
import type { DoceboClassroom, DoceboLocation, DoceboWebinarAccount } from "./Types.ts"

type One<T> = { data: T }

describe("/learn/v1/location and /learn/v1/classroom", () => {
  it("creates a location from an ISO country code and fills Docebo's country fields", async () => {
    const { api } = doceboTestbed()
    const created = await api.post<One<{ id_location: number }>>("/learn/v1/location", {
      name: "Lyon office",
      address: "1 rue de la République",
      iso_code_country: "fr",
    })
    expect(created.body).toEqual({ data: { id_location: 1 } })
    const read = await api.get<One<DoceboLocation>>("/learn/v1/location/1")
    expect(read.body.data).toMatchObject({ iso_code_country: "FR", name_country: "France" })
    // No public source shows Docebo keeping an `external_id` on a location: the simulator does not take one.
    const stamped = await api.post<DoceboErrorBody>("/learn/v1/location", { name: "Y", external_id: "loc_1" })
    expect(stamped.status).toBe(400)
    expect(stamped.body.message).toContain("external_id")
    const moved = await api.put("/learn/v1/location/1", { iso_code_country: "BE" })
    expect(moved.body).toEqual({ data: { success: true } })
    const readAgain = await api.get<One<DoceboLocation>>("/learn/v1/location/1")
    expect(readAgain.body.data).toMatchObject({ name_country: "Belgium", name: "Lyon office" })
    expect(readAgain.body.data.id_country).not.toBe(read.body.data.id_country)
    const unknown = await api.post<DoceboErrorBody>("/learn/v1/location", { name: "X", iso_code_country: "QQ" })
    expect(unknown.body.message).toContain("iso_code_country")
  })

  it("creates classrooms in an existing location and filters them by id_location", async () => {
    const { api } = doceboTestbed({
      seed: {
        locations: [
          { id_location: 1, name: "A" },
          { id_location: 2, name: "B" },
        ],
      },
    })
    await api.post("/learn/v1/classroom", { id_location: 1, name: "A1", seats: 10 })
    await api.post("/learn/v1/classroom", { id_location: 2, name: "B1", seats: 20 })
    await api.post("/learn/v1/classroom", { id_location: 1, name: "A2", seats: 30 })
    const inA = await api.get<DoceboList<DoceboClassroom>>("/learn/v1/classroom?id_location=1")
    expect(inA.body.data.items.map((room) => room.name)).toEqual(["A1", "A2"])
    const orphan = await api.post<DoceboErrorBody>("/learn/v1/classroom", { id_location: 9, name: "X" })
    expect(orphan.body.message).toContain("id_location")
    const updated = await api.put("/learn/v1/classroom/3", { seats: 25 })
    expect(updated.body).toEqual({ data: { success: true } })
    const read = await api.get<One<DoceboClassroom>>("/learn/v1/classroom/3")
    expect(read.body.data).toMatchObject({ seats: 25, name: "A2" })
    expect(read.body.data).not.toHaveProperty("external_id")
    const byName = await api.get<DoceboList<DoceboClassroom>>("/learn/v1/classroom?sort_by=name&sort_by_direction=desc")
    expect(byName.body.data.items.map((room) => room.name)).toEqual(["B1", "A2", "A1"])
    expect((await api.get("/learn/v1/classroom/9")).status).toBe(404)
  })
})

describe("/webinar/v1/accounts and /manage/v1/domain", () => {
  it("lists the webinar accounts added in Docebo", async () => {
    const { api, control } = doceboTestbed()
    const added = await control<One<DoceboWebinarAccount>>("POST", "act", {
      action: "add_webinar_account",
      account: { tool: "zoom_v3", name: "Zoom v3", email: "z@example.com" },
    })
    expect(added.body.data).toEqual({ id: 1, tool: "zoom_v3", name: "Zoom v3", email: "z@example.com" })
    const list = await api.get<DoceboList<DoceboWebinarAccount>>("/webinar/v1/accounts")
    expect(list.body.data.items).toEqual([added.body.data])
  })

  it("takes an account of an integration the documents do not name; its events carry its tool", async () => {
    const { api, control } = doceboTestbed({
      seed: { courses: [{ id_course: 1, name: "Onsite", code: "ON", course_type: "classroom" }] },
    })
    const added = await control<One<DoceboWebinarAccount>>("POST", "act", {
      action: "add_webinar_account",
      account: { tool: "bigbluebutton", name: "Community room", email: "bbb@example.com" },
    })
    expect(added.body.data).toMatchObject({ id: 1, tool: "bigbluebutton" })
    const session = await control<One<{ id: number }>>("POST", "act", {
      action: "create_session",
      course_id: 1,
      session: {
        name: "Community call",
        events: [
          {
            schedule: { date: "2027-03-02", time_begin: "10:00:00", time_end: "11:00:00", timezone: "Europe/Paris" },
            webinar: { account_id: 1 },
          },
        ],
      },
    })
    const events = await api.get<DoceboList<EventAnswer>>(`/course/v1/sessions/${session.body.data.id}/events`)
    expect(events.body.data.items[0]?.webinar).toMatchObject({ tool: "bigbluebutton", account_id: 1 })
    expect(events.body.data.items[0]?.webinar?.join_url).toMatch(/^https:\/\/meet\.example\.com\/bigbluebutton\/\d+$/)
    const badName = await control<DoceboErrorBody>("POST", "act", {
      action: "add_webinar_account",
      account: { tool: "Big Blue Button", name: "X", email: "x@example.com" },
    })
    expect(badName.status).toBe(400)
    expect(badName.body.message).toContain("account.tool")
  })

  it("reflects the configured domain and whether it is the main one", async () => {
    const { api, control } = doceboTestbed()
    expect((await api.get("/manage/v1/domain")).body).toEqual({
      data: { domain: "acme.docebosaas.com", is_main_domain: true },
    })
    await control("POST", "config", { domain: "partners.acme.docebosaas.com", isMainDomain: false })
    expect((await api.get("/manage/v1/domain")).body).toEqual({
      data: { domain: "partners.acme.docebosaas.com", is_main_domain: false },
    })
  })
})
