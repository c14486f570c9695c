import { describe, expect, it } from "vitest"
import { type DoceboErrorBody, type DoceboList, doceboTestbed } from "./TestSupport.ts"
import type { DoceboCourse, DoceboSeed } from "./Types.ts"

const coursesSeed = (count: number): DoceboSeed => ({
  courses: Array.from({ length: count }, (_, index) => ({
    id_course: index + 1,
    name: `Course ${String(index + 1).padStart(5, "0")}`,
    code: `C${index + 1}`,
    course_type: index % 3 === 0 ? "webinar" : "classroom",
  })),
})

const listCourses = (testbed: ReturnType<typeof doceboTestbed>, query: string) =>
  testbed.api.get<DoceboList<DoceboCourse>>(`/learn/v1/courses${query}`)

describe("Docebo page paging", () => {
  it.each([
    { total: 0, pages: 0, lastCount: 0 },
    { total: 1, pages: 1, lastCount: 1 },
    { total: 20, pages: 1, lastCount: 20 },
    { total: 21, pages: 2, lastCount: 1 },
  ])("lists $total courses in $pages page(s) of 20", async ({ total, pages, lastCount }) => {
    const testbed = doceboTestbed({ seed: coursesSeed(total) })
    const first = await listCourses(testbed, "?get_total_count=1")
    expect(first.body.data).toMatchObject({
      current_page: 1,
      current_page_size: 20,
      total_page_count: pages,
      total_count: total,
      has_more_data: pages > 1,
    })
    const last = await listCourses(testbed, `?page=${Math.max(1, pages)}`)
    expect(last.body.data.count).toBe(lastCount)
    expect(last.body.data.items).toHaveLength(lastCount)
    expect(last.body.data.has_more_data).toBe(false)
    expect(last.body.data.cursor).toBe("")
  })

  it("treats page 0 and page 1 alike and answers an empty page past the end", async () => {
    const testbed = doceboTestbed({ seed: coursesSeed(5) })
    const zero = await listCourses(testbed, "?page=0&page_size=2")
    const one = await listCourses(testbed, "?page=1&page_size=2")
    const beyond = await listCourses(testbed, "?page=9&page_size=2")
    expect(zero.body.data.items).toEqual(one.body.data.items)
    expect(zero.body.data.current_page).toBe(1)
    expect(beyond.body.data).toMatchObject({ items: [], count: 0, has_more_data: false, current_page: 9 })
  })

  it("gives total_count only when asked with get_total_count=1", async () => {
    const testbed = doceboTestbed({ seed: coursesSeed(3) })
    expect((await listCourses(testbed, "")).body.data).not.toHaveProperty("total_count")
    expect((await listCourses(testbed, "?get_total_count=1")).body.data.total_count).toBe(3)
  })

  it("refuses a page_size over 200 and other malformed paging parameters, naming the parameter", async () => {
    const testbed = doceboTestbed({ seed: coursesSeed(3) })
    for (const [query, field] of [
      ["?page_size=201", "page_size"],
      ["?page_size=0", "page_size"],
      ["?page=-1", "page"],
      ["?page=abc", "page"],
      ["?sort_by=password", "sort_by"],
      ["?sort_by_direction=up", "sort_by_direction"],
      ["?cursor=garbage", "cursor"],
    ]) {
      const answer = await testbed.api.get<DoceboErrorBody>(`/learn/v1/courses${query}`)
      expect(answer.status, query).toBe(400)
      expect(answer.body.message, query).toContain(field)
    }
    expect((await listCourses(testbed, "?page_size=200")).body.data.count).toBe(3)
  })

  it("sorts /learn/v1 lists by sort_by and sort_by_direction, ties broken by id", async () => {
    const testbed = doceboTestbed({ seed: coursesSeed(6) })
    const byName = await listCourses(testbed, "?sort_by=name&sort_by_direction=desc")
    expect(byName.body.data.items.map((course) => course.id_course)).toEqual([6, 5, 4, 3, 2, 1])
    const byType = await listCourses(testbed, "?sort_by=course_type")
    expect(byType.body.data.items.map((course) => course.id_course)).toEqual([2, 3, 5, 6, 1, 4])
  })

  it("follows a cursor without skipping rows when a row is inserted before the cursor meanwhile", async () => {
    const testbed = doceboTestbed({ seed: coursesSeed(5) })
    const first = await listCourses(testbed, "?page_size=2&sort_by=name")
    await testbed.api.post("/learn/v1/courses", { name: "Course 00000", code: "X", course_type: "classroom" })
    const seen = first.body.data.items.map((course) => course.id_course)
    let cursor = first.body.data.cursor
    while (cursor) {
      const page = await listCourses(testbed, `?page_size=2&cursor=${cursor}`)
      seen.push(...page.body.data.items.map((course) => course.id_course))
      cursor = page.body.data.cursor
    }
    expect(seen).toEqual([1, 2, 3, 4, 5])
  })

  it("seeds 10,000 courses and pages through all of them", async () => {
    const testbed = doceboTestbed({ seed: coursesSeed(10_000) })
    const ids = new Set<number>()
    let page = 1
    for (;;) {
      const answer = await listCourses(testbed, `?page=${page}&page_size=200`)
      for (const course of answer.body.data.items) ids.add(course.id_course)
      if (!answer.body.data.has_more_data) break
      page += 1
    }
    expect(ids.size).toBe(10_000)
    expect(page).toBe(50)
  })
})
