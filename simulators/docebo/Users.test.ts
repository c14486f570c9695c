import { describe, expect, it } from "vitest"
import { type DoceboList, doceboTestbed } from "./TestSupport.ts"
import type { DoceboSeed, DoceboUser } from "./Types.ts"

type One<T> = { data: T }
type WriteAnswer = { data: { success: boolean; message?: { id: string; message: string }[]; user_id?: number } }

const seed: DoceboSeed = {
  users: [
    { user_id: 1, username: "ada", first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" },
    { user_id: 2, username: "alan", first_name: "Alan", last_name: "Turing", email: "alan@example.com" },
  ],
}

describe("/manage/v1/user", () => {
  it("creates a user and answers success with its id", async () => {
    const { api } = doceboTestbed({ seed })
    const created = await api.post<WriteAnswer>("/manage/v1/user", {
      userid: "grace",
      password: "s3cret!",
      email: "grace@example.com",
      firstname: "Grace",
      lastname: "Hopper",
    })
    expect(created.body).toEqual({ data: { success: true, user_id: 3 } })
    const read = await api.get<One<DoceboUser>>("/manage/v1/user/3")
    expect(read.body.data).toEqual({
      user_id: 3,
      username: "grace",
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@example.com",
      level: "user",
      status: "1",
      is_instructor: 0,
    })
  })

  it("reports invalid users as HTTP 200 with success false, and writes nothing", async () => {
    const { api, state } = doceboTestbed({ seed })
    const cases: [object, string][] = [
      [{ userid: "x", email: "not-an-email" }, "email"],
      [{ userid: "x", email: "ADA@example.com" }, "email"],
      [{ email: "new@example.com" }, "userid"],
      [{ userid: "ada", email: "other@example.com" }, "userid"],
      [{ userid: "x", email: "x@example.com", is_instructor: "maybe" }, "is_instructor"],
    ]
    for (const [body, field] of cases) {
      const answer = await api.post<WriteAnswer>("/manage/v1/user", body)
      expect(answer.status, field).toBe(200)
      expect(answer.body.data.success, field).toBe(false)
      expect(
        answer.body.data.message?.map((entry) => entry.id),
        field,
      ).toContain(field)
    }
    expect(state.snapshot().users).toHaveLength(2)
  })

  it("updates names, email and the instructor flag", async () => {
    const { api } = doceboTestbed({ seed })
    const answer = await api.put<{ data: { success: boolean; updated_id: number } }>("/manage/v1/user/1", {
      firstname: "Augusta Ada",
      is_instructor: 1,
    })
    expect(answer.body).toEqual({ data: { success: true, updated_id: 1 } })
    const read = await api.get<One<DoceboUser>>("/manage/v1/user/1")
    expect(read.body.data).toMatchObject({ first_name: "Augusta Ada", last_name: "Lovelace", is_instructor: 1 })
  })

  it("refuses an update to another user's email with 200 success false, and 404s an unknown user", async () => {
    const { api, state } = doceboTestbed({ seed })
    const duplicate = await api.put<WriteAnswer>("/manage/v1/user/1", { email: "alan@example.com" })
    expect(duplicate.body.data).toMatchObject({ success: false, message: [{ id: "email" }] })
    expect(state.store.users.get(1)?.email).toBe("ada@example.com")
    expect((await api.put("/manage/v1/user/9", { firstname: "X" })).status).toBe(404)
  })

  it("lists and searches users", async () => {
    const { api } = doceboTestbed({ seed })
    const list = await api.get<DoceboList<DoceboUser>>("/manage/v1/user?search_text=turing")
    expect(list.body.data.items.map((user) => user.username)).toEqual(["alan"])
  })
})

describe("POST /manage/v1/user/batch", () => {
  it("updates each valid item and reports each invalid one by row", async () => {
    const { api, state } = doceboTestbed({ seed })
    const answer = await api.post<{ data: { row_index: number; success: boolean }[] }>("/manage/v1/user/batch", {
      items: [
        { user_id: 1, is_instructor: 1 },
        { user_id: 99, firstname: "Nobody" },
        { user_id: 2, email: "broken" },
      ],
    })
    expect(answer.status).toBe(200)
    expect(answer.body.data.map((row) => [row.row_index, row.success])).toEqual([
      [0, true],
      [1, false],
      [2, false],
    ])
    expect(state.store.users.get(1)?.is_instructor).toBe(1)
    expect(state.store.users.get(2)?.email).toBe("alan@example.com")
  })

  it("answers 409 to a batch call made while another is still in flight", async () => {
    const { app, fetchToken } = doceboTestbed({ seed })
    const token = await fetchToken()
    let releaseBody: (chunk: string) => void = () => undefined
    const slowBody = new ReadableStream<Uint8Array>({
      start(controller) {
        releaseBody = (chunk) => {
          controller.enqueue(new TextEncoder().encode(chunk))
          controller.close()
        }
      },
    })
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" }
    const first = app.request("/manage/v1/user/batch", {
      method: "POST",
      headers,
      body: slowBody,
      duplex: "half",
    } as RequestInit)
    await new Promise((resolve) => setTimeout(resolve, 10))
    const second = await app.request("/manage/v1/user/batch", {
      method: "POST",
      headers,
      body: JSON.stringify({ items: [] }),
    })
    expect(second.status).toBe(409)
    expect(await second.json()).toMatchObject({ name: "Conflict", status: 409 })
    releaseBody(JSON.stringify({ items: [{ user_id: 1, lastname: "L." }] }))
    expect((await first).status).toBe(200)
    const third = await app.request("/manage/v1/user/batch", { method: "POST", headers, body: '{"items":[]}' })
    expect(third.status).toBe(200)
  })
})
