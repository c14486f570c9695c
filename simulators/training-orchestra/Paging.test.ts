import { describe, expect, it } from "vitest"
import { type Problem, type ToPage, toTestbed } from "./TestSupport.ts"
import type { ToCourse, ToSeed, ToSession } from "./Types.ts"

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString()

const coursesSeed = (count: number, updatedAt: (index: number) => string = at): ToSeed => ({
  courses: Array.from({ length: count }, (_, index) => ({
    id: `crs_${String(index).padStart(5, "0")}`,
    code: `C${index}`,
    title: `Course ${index}`,
    modality: "onsite",
    updated_at: updatedAt(index),
  })),
})

/** Every page of `/courses`, following next_cursor. */
const allPages = async (testbed: ReturnType<typeof toTestbed>, query: string, between?: () => Promise<void>) => {
  const pages: ToCourse[][] = []
  let cursor: string | null = null
  do {
    const separator = query ? "&" : "?"
    const path: string = cursor ? `/courses${query}${separator}cursor=${cursor}` : `/courses${query}`
    const answer = await testbed.api.get<ToPage<ToCourse>>(path)
    expect(answer.status).toBe(200)
    pages.push(answer.body.data)
    cursor = answer.body.next_cursor
    if (cursor && between) await between()
  } while (cursor)
  return pages
}

describe("Training Orchestra cursor paging", () => {
  it.each([
    { total: 0, pages: 1, last: 0 },
    { total: 1, pages: 1, last: 1 },
    { total: 100, pages: 1, last: 100 },
    { total: 101, pages: 2, last: 1 },
  ])("lists $total courses in $pages page(s) of the default 100", async ({ total, pages, last }) => {
    const testbed = toTestbed({ seed: coursesSeed(total) })
    const listed = await allPages(testbed, "")
    expect(listed).toHaveLength(pages)
    expect(listed.at(-1)).toHaveLength(last)
    expect(listed.flat()).toHaveLength(total)
  })

  it("accepts limit up to 500 and refuses other limits with 400 naming the parameter", async () => {
    const testbed = toTestbed({ seed: coursesSeed(501) })
    const max = await testbed.api.get<ToPage<ToCourse>>("/courses?limit=500")
    expect(max.body.data).toHaveLength(500)
    expect(max.body.next_cursor).not.toBeNull()
    for (const query of ["limit=501", "limit=0", "limit=ten", "updated_since=yesterday", "cursor=%%%"]) {
      const refused = await testbed.api.get<Problem>(`/courses?${query}`)
      expect(refused.status, query).toBe(400)
      expect(refused.headers.get("content-type")).toBe("application/problem+json")
      expect(refused.body.errors[0]?.field, query).toBe(query.split("=")[0])
    }
  })

  it("orders by updated_at then id, and updated_since is inclusive", async () => {
    const testbed = toTestbed({ seed: coursesSeed(6, (index) => at(index % 3)) })
    const listed = (await allPages(testbed, "?limit=2")).flat()
    expect(listed.map((course) => course.id)).toEqual([
      "crs_00000",
      "crs_00003",
      "crs_00001",
      "crs_00004",
      "crs_00002",
      "crs_00005",
    ])
    const since = (await allPages(testbed, `?updated_since=${encodeURIComponent(at(1))}&limit=1`)).flat()
    expect(since.map((course) => course.id)).toEqual(["crs_00001", "crs_00004", "crs_00002", "crs_00005"])
  })

  it("misses no record when records are written between pages", async () => {
    const testbed = toTestbed({ seed: coursesSeed(6) })
    const writes = [
      () => testbed.api.patch("/courses/crs_00000", { title: "Seen, then changed" }),
      () => testbed.api.patch("/courses/crs_00004", { title: "Not yet seen, changed" }),
      () => testbed.api.post("/courses", { code: "NEW", title: "Created while paging", modality: "online" }),
    ]
    const listed = (
      await allPages(testbed, "?limit=2", async () => {
        await writes.shift()?.()
      })
    ).flat()
    const ids = listed.map((course) => course.id)
    for (let index = 0; index < 6; index++) expect(ids).toContain(`crs_${String(index).padStart(5, "0")}`)
    expect(listed.at(-1)?.title).toBe("Created while paging")
    expect(ids.filter((id) => id === "crs_00000")).toHaveLength(2)
  })

  it("seeds 10,000 courses and 100,000 sessions and pages through all the sessions", async () => {
    const seed: ToSeed = {
      ...coursesSeed(10_000),
      sessions: Array.from({ length: 100_000 }, (_, index) => ({
        id: `ses_${index}`,
        course_id: `crs_${String(index % 10_000).padStart(5, "0")}`,
        name: `Session ${index}`,
        updated_at: at(index % 3600),
        sequences: [{ day: "2025-03-03", start: "09:00", end: "17:00", timezone: "Europe/Paris" }],
      })),
    }
    const { api } = toTestbed({ seed })
    const seen = new Set<string>()
    let cursor: string | null = null
    do {
      const page: { body: ToPage<ToSession> } = await api.get(`/sessions?limit=500${cursor ? `&cursor=${cursor}` : ""}`)
      for (const session of page.body.data) seen.add(session.id)
      cursor = page.body.next_cursor
    } while (cursor)
    expect(seen.size).toBe(100_000)
  })
})
