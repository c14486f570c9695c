/**
 * Docebo's users for an operator picking trainers: searched and paged from iltsync's directory, which is read from
 * Docebo the first time, again on request, and by every run that lists every user anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { DoceboUser as WireUser } from "../../simulators/docebo/Types.ts"
import { type Fixture, fullSync, leakedSecrets, startFixture } from "./TestSupport.ts"
import type { DirectoryPage, DirectoryUser } from "./UserDirectory.ts"
import { directoryUsers } from "./UserDirectory.ts"

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

const page = async (query = "") => {
  const answer = await fixture.call("GET", `/users${query}`)
  expect({ query, status: answer.status }).toEqual({ query, status: 200 })
  return answer.json<DirectoryPage>()
}

/** Every call that listed Docebo's users (one by one reads are `/manage/v1/user/{id}`). */
const listings = () => fixture.calls.filter((call) => call === "docebo GET /manage/v1/user").length

const wireUser = (id: number, firstName: string, lastName: string): WireUser => ({
  user_id: id,
  username: `${firstName}.${lastName}`.toLowerCase(),
  first_name: firstName,
  last_name: lastName,
  email: `${firstName}.${lastName}@acme-corp.example`.toLowerCase(),
  level: "6",
  status: "1",
  is_instructor: 0,
})

const addUser = (user: WireUser) => fixture.docebo.state.store.users.put(user)

const docebosUsers = () => fixture.docebo.state.snapshot().users

describe("GET /users", () => {
  it("reads Docebo's user listing the first time, then answers every search from what it read", async () => {
    const first = await page()
    expect(listings()).toBe(1)
    expect(first).toMatchObject({ page: 1, total: docebosUsers().length, pages: Math.ceil(docebosUsers().length / 25) })
    expect(first.items).toHaveLength(25)
    expect(Date.parse(first.readAt)).not.toBeNaN()
    const names = first.items.map((user) => user.lastName.toLowerCase())
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names)
    expect(Object.keys(first.items[0] ?? {})).toEqual(["id", "username", "firstName", "lastName", "email", "isTrainer"])

    await page("?search=kim")
    await page("?page=2&pageSize=5")
    expect(listings()).toBe(1)
  })

  it("finds users by any part of their username, names, e-mail or id, case and accents aside", async () => {
    const chloe = docebosUsers().find((user) => user.first_name === "Chloé")
    if (chloe === undefined) throw new Error("acme has a Chloé")
    for (const search of ["LEFEVRE", "chloe lef", "lefèvre chloé", chloe.email.slice(2, 9).toUpperCase()]) {
      const found = await page(`?search=${encodeURIComponent(search)}`)
      expect({ search, ids: found.items.map((user) => user.id) }).toEqual({ search, ids: [String(chloe.user_id)] })
    }
    const byId = await page(`?search=${chloe.user_id}`)
    expect(byId.items.map((user) => user.id)).toContain(String(chloe.user_id))
    expect(await page("?search=nobody-has-this")).toMatchObject({ items: [], total: 0, pages: 0, page: 1 })
  })

  it("pages the users sorted by last name, first name and id", async () => {
    const all = (await page("?pageSize=100")).items
    const second = await page("?page=2&pageSize=5")
    expect(second).toMatchObject({ page: 2, pages: Math.ceil(all.length / 5), total: all.length })
    expect(second.items).toEqual(all.slice(5, 10))
    expect((await page(`?page=${Math.ceil(all.length / 5) + 1}&pageSize=5`)).items).toEqual([])
  })

  it("refuses a bad query with 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["page=0", "page"],
      ["page=two", "page"],
      ["pageSize=101", "pageSize"],
      ["pageSize=0", "pageSize"],
      ["pageSize=2.5", "pageSize"],
      [`search=${"a".repeat(201)}`, "search"],
      ["search=a%00b", "search"],
      ["colour=red", "colour"],
    ] as const) {
      const answer = await fixture.call("GET", `/users?${query}`)
      expect({ query, status: answer.status }).toEqual({ query, status: 400 })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(field)
    }
  })

  it("is kept up to date by a run that lists every user, and marks iltsync's trainers", async () => {
    addUser(wireUser(5001, "Grace", "Hopper"))
    expect((await page("?search=hopper")).items).toEqual([])
    // acme's twelve trainers are more than a run reads one by one: each full run lists every user.
    await fullSync(fixture)
    const hopper = await page("?search=hopper")
    expect(hopper.items).toEqual([
      {
        id: "5001",
        username: "grace.hopper",
        firstName: "Grace",
        lastName: "Hopper",
        email: "grace.hopper@acme-corp.example",
        isTrainer: false,
      },
    ])
    const instructors = docebosUsers().filter((user) => user.is_instructor === 1)
    const all = (await page("?pageSize=100")).items
    expect(
      all
        .filter((user) => user.isTrainer)
        .map((user) => user.id)
        .sort(),
    ).toEqual(instructors.map((user) => String(user.user_id)).sort())
  })

  it("gives the records of the users asked for, in that order, for the console to prefill a trainer's details", async () => {
    const [a, b] = docebosUsers()
    if (a === undefined || b === undefined) throw new Error("acme has users")
    const users: ReadonlyArray<DirectoryUser> = await fixture.service.runtime.runPromise(
      directoryUsers([String(b.user_id), "999999", String(a.user_id)]),
    )
    expect(users.map((user) => [user.id, user.firstName, user.lastName, user.email])).toEqual([
      [String(b.user_id), b.first_name, b.last_name, b.email],
      [String(a.user_id), a.first_name, a.last_name, a.email],
    ])
  })
})

describe("POST /users/refresh", () => {
  it("reads Docebo's user listing again at once, and logs who asked", async () => {
    addUser(wireUser(5002, "Ada", "Lovelace"))
    expect((await page("?search=lovelace")).items).toEqual([])
    const before = listings()
    const answer = await fixture.call("POST", "/users/refresh")
    expect(answer.status).toBe(200)
    const read = answer.json<{ total: number; readAt: string }>()
    expect(read.total).toBe(docebosUsers().length)
    expect(listings()).toBe(before + 1)
    expect((await page("?search=lovelace")).items.map((user) => user.id)).toEqual(["5002"])
    expect((await page()).readAt).toBe(read.readAt)
    const log = (await fixture.call("GET", "/event-logs?action=users.refresh")).json<{ items: unknown[] }>()
    expect(log.items).toEqual([expect.objectContaining({ user: "alice", details: read })])
    const withBody = await fixture.call("POST", "/users/refresh", { body: { all: true } })
    expect(withBody.status).toBe(400)
    expect(withBody.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe("all")
  })

  it("answers 502 with the reason when the listing cannot be read in full, and keeps the users read before", async () => {
    const before = await page()
    addUser({ ...wireUser(5003, "Bad", "Record"), username: 5003 as unknown as string })
    try {
      const answer = await fixture.call("POST", "/users/refresh")
      expect(answer.status).toBe(502)
      expect(answer.json<{ detail: string }>().detail).toMatch(
        /^Docebo's user listing could not be read in full: .*username/,
      )
      expect(await page()).toEqual(before)
    } finally {
      fixture.docebo.state.store.users.delete(5003)
    }
  })
})
