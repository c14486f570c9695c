import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aliceToken, type Fixture, fullSync, startFixture } from "../service/TestSupport.ts"
import { csrfOf, makeConsoleClient } from "./testing/Client.ts"

let fixture: Fixture
let browser: ReturnType<typeof makeConsoleClient>

beforeAll(async () => {
  fixture = await startFixture()
  await fullSync(fixture)
  browser = makeConsoleClient(fixture.service)
  await browser.signIn(aliceToken)
})
afterAll(async () => {
  await fixture?.close()
})

/** The values of a page's inputs named `name` (checkboxes: the checked ones only, when `checked`). */
const inputValues = (html: string, name: string, checked = false) =>
  [...html.matchAll(/<input([^>]*)>/g)]
    .map((match) => match[1] ?? "")
    .filter((attributes) => attributes.includes(`name="${name}"`) && (!checked || attributes.includes("checked")))
    .map((attributes) => /value="([^"]*)"/.exec(attributes)?.[1] ?? "")

describe("Review Plan", () => {
  it("shows the held cancellation with its reason, and Approve applies it at once, logged with the operator", async () => {
    const plan = await browser.get("/console/plan")
    expect(plan.status).toBe(200)
    expect(plan.html).toContain("Held for your approval (1)")
    expect(plan.html).toContain("ses_hse110_lyo_0318")
    const approve = /action="(\/console\/plan\/held\/[^"]+\/approve)"/.exec(plan.html)?.[1]
    expect(approve).toBeDefined()
    const approved = await browser.post((approve ?? "").replaceAll("&amp;", "&"), plan)
    expect(approved.status).toBe(303)
    const after = await browser.get("/console/plan")
    expect(after.html).toContain("Approved and applied.")
    expect(after.html).not.toContain("Held for your approval")
    const log = (await fixture.call("GET", "/event-logs?action=plan.approve")).json<{
      items: ReadonlyArray<{ user: string }>
    }>()
    expect(log.items.map((event) => event.user)).toEqual(["alice"])
  })
})

describe("New Trainers", () => {
  it("goes provider → users (search, Select All) → additional fields, prefilled → Confirm, and lists them", async () => {
    const step1 = await browser.get("/console/trainers/new")
    expect(step1.html).toContain("Training provider of the new trainers")
    const provider = inputValues(step1.html, "provider")[0] ?? ""
    expect(provider).not.toBe("")
    const step2 = await browser.get(`/console/trainers/new/users?provider=${encodeURIComponent(provider)}`)
    expect(step2.status).toBe(200)
    expect(step2.html).toMatch(/\d+ users/)
    const common = { provider, q: "", page: "1" }
    // acme's 30 users at acme-corp.example: a search over two pages of 20.
    const searched = await browser.post("/console/trainers/new/users", step2, {
      ...common,
      search: "acme-corp",
      do: "search",
    })
    expect(searched.html).toContain("30 users match &quot;acme-corp&quot;")
    const listed = inputValues(searched.html, "selected")
    expect(listed).toHaveLength(20)
    const all = await browser.post("/console/trainers/new/users", searched, {
      ...common,
      q: "acme-corp",
      do: "select-all",
    })
    expect(all.html).toContain("30 selected")
    expect(inputValues(all.html, "selected", true).sort()).toEqual([...listed].sort())
    const secondPage = await browser.post("/console/trainers/new/users", all, {
      ...common,
      q: "acme-corp",
      selected: inputValues(all.html, "selected"),
      do: "page:2",
    })
    expect(secondPage.html).toContain("Page 2 of 2")
    expect(inputValues(secondPage.html, "selected", true)).toHaveLength(10)
    expect(secondPage.html).toContain("30 selected")
    const none = await browser.post("/console/trainers/new/users", all, {
      ...common,
      q: "acme-corp",
      selected: inputValues(all.html, "selected", true),
      do: "unselect-all",
    })
    expect(inputValues(none.html, "selected", true)).toEqual([])
    expect(none.html).toContain("0 selected")
    const chosen = listed.slice(0, 2)
    const step3 = await browser.post("/console/trainers/new/users", none, {
      ...common,
      q: "acme-corp",
      selected: chosen,
      do: "next",
    })
    expect(step3.html).toContain("Training Orchestra Additional Fields")
    // Prefilled from Docebo's users.
    for (const id of chosen) expect(inputValues(step3.html, `email:${id}`)[0]).toMatch(/@/)
    const fieldsOf = (id: string) => ({
      [`firstName:${id}`]: inputValues(step3.html, `firstName:${id}`)[0] ?? "",
      [`lastName:${id}`]: inputValues(step3.html, `lastName:${id}`)[0] ?? "",
      [`email:${id}`]: inputValues(step3.html, `email:${id}`)[0] ?? "",
    })
    const bad = await browser.post("/console/trainers/new/confirm", step3, {
      provider,
      selected: chosen,
      ...Object.assign({}, ...chosen.map(fieldsOf)),
      [`email:${chosen[0]}`]: "not an e-mail",
      do: "confirm",
    })
    expect(bad.status).toBe(422)
    expect(bad.html).toContain("aria-invalid")
    const confirmed = await browser.post("/console/trainers/new/confirm", step3, {
      provider,
      selected: chosen,
      ...Object.assign({}, ...chosen.map(fieldsOf)),
      do: "confirm",
    })
    expect(confirmed.location).toBe("/console/trainers")
    const trainers = await browser.get("/console/trainers")
    for (const id of chosen) expect(trainers.html).toContain(`value="${id}"`)
    expect(trainers.html).toMatch(/2 trainer\(s\) added/)
  })

  it("removes checked trainers with the seed's warning, and the users stay in Docebo", async () => {
    const list = await browser.get("/console/trainers")
    const ids = inputValues(list.html, "userId").slice(0, 2)
    const confirm = await browser.post("/console/trainers/bulk", list, { userId: ids, action: "remove" })
    expect(confirm.html).toContain("each instructor becomes a learner in Docebo")
    expect(confirm.html).toContain("will need to be reconfigured with another trainer")
    const done = await browser.post("/console/trainers/remove", confirm, { userId: ids })
    expect(done.location).toBe("/console/trainers")
    const after = await browser.get("/console/trainers")
    expect(after.html).toMatch(/Removed 2 trainer\(s\) from the integration/)
    const users = await fixture.call("GET", `/users?search=${encodeURIComponent(ids[0] ?? "")}`)
    expect(users.status).toBe(200)
  })

  it("edits a trainer's names from its row, sending only what changed, and refuses a bad e-mail beside the form", async () => {
    const list = await browser.get("/console/trainers")
    const edit = /href="(\/console\/trainers\/[^"/]+\/edit)"/.exec(list.html)?.[1] ?? ""
    const form = await browser.get(edit)
    expect(form.status).toBe(200)
    const current = (name: string) => inputValues(form.html, name)[0] ?? ""
    const provider = /<option value="([^"]+)" selected/.exec(form.html)?.[1] ?? ""
    const fields = {
      firstName: current("firstName"),
      lastName: "Renamed",
      email: current("email"),
      trainingProviderId: provider,
    }
    const refused = await browser.post(edit, form, { ...fields, email: "no-at-sign" })
    expect(refused.status).toBe(422)
    expect(refused.html).toContain('role="alert"')
    const saved = await browser.post(edit, form, fields)
    expect(saved.location).toBe("/console/trainers")
    const after = await browser.get("/console/trainers")
    expect(after.html).toContain(`Saved ${fields.firstName} Renamed`)
    expect(after.html).toContain(`${fields.firstName} Renamed`)
    const log = (await fixture.call("GET", "/event-logs?action=trainer.edit")).json<{
      items: ReadonlyArray<{ user: string; details: { fields: ReadonlyArray<string> } }>
    }>()
    expect(log.items[0]?.details.fields).toEqual(["lastName"])
  })

  it("refuses a wizard step posted without the page's token", async () => {
    const forged = await browser.request("POST", "/console/trainers/new/confirm", {
      form: { provider: "x", selected: "1", do: "confirm" },
    })
    expect(forged.status).toBe(403)
    expect(csrfOf(forged.html)).toBe("")
  })
})
