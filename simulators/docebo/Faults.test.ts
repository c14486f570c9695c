import { describe, expect, it } from "vitest"
import type { FaultSettings } from "../shared/Faults.ts"
import { type DoceboErrorBody, doceboTestbed } from "./TestSupport.ts"

const statusesUnder = async (faults: FaultSettings, calls = 60) => {
  const { api, control } = doceboTestbed()
  await api.get("/manage/v1/domain")
  await control("POST", "faults", faults)
  const statuses: number[] = []
  for (let call = 0; call < calls; call++) statuses.push((await api.get("/manage/v1/domain")).status)
  return statuses
}

describe("Docebo fault injection", () => {
  it("gives the same statuses for the same seed and other statuses for another seed", async () => {
    const faults = { error429Rate: 0.2, error503Rate: 0.2, seed: 42 }
    const first = await statusesUnder(faults)
    const again = await statusesUnder(faults)
    const otherSeed = await statusesUnder({ ...faults, seed: 43 })
    expect(first).toEqual(again)
    expect(otherSeed).not.toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 429, 503]))
  })

  it("answers injected faults in Docebo's format, with Retry-After on 429", async () => {
    const { api, control } = doceboTestbed()
    await control("POST", "faults", { error429Rate: 1 })
    const limited = await api.get<DoceboErrorBody>("/manage/v1/domain")
    expect(limited.body).toMatchObject({ status: 429, name: "Too Many Requests" })
    expect(limited.headers.get("retry-after")).toBe("1")
    await control("POST", "faults", { error503Rate: 1 })
    expect((await api.get<DoceboErrorBody>("/manage/v1/domain")).body.status).toBe(503)
  })

  it("turns every fault off with {}", async () => {
    expect(new Set(await statusesUnder({}))).toEqual(new Set([200]))
  })

  it("applies a dropped-after-commit write though the caller gets 503", async () => {
    const { api, control, state } = doceboTestbed()
    await api.get("/manage/v1/domain")
    await control("POST", "faults", { dropAfterCommitRate: 1 })
    const answer = await api.post<DoceboErrorBody>("/learn/v1/courses", { name: "Ghost", course_type: "classroom" })
    expect(answer.status).toBe(503)
    expect(state.snapshot().courses.map((course) => course.name)).toEqual(["Ghost"])
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
  })

  it("fails only the paths matching failPaths globs", async () => {
    const { api, control } = doceboTestbed({
      seed: { courses: [{ id_course: 1, name: "A", course_type: "classroom" }] },
    })
    await api.get("/manage/v1/domain")
    await control("POST", "faults", { failPaths: ["/course/v1/**", "/learn/v1/courses/*"] })
    expect((await api.get("/course/v1/courses/1/sessions")).status).toBe(503)
    expect((await api.get("/learn/v1/courses/1")).status).toBe(503)
    expect((await api.get("/learn/v1/courses")).status).toBe(200)
  })

  it("refuses unknown or out-of-range fault settings, naming them", async () => {
    const { control } = doceboTestbed()
    const unknown = await control<DoceboErrorBody>("POST", "faults", { errorRate: 0.5 })
    const outOfRange = await control<DoceboErrorBody>("POST", "faults", { error503Rate: 2 })
    expect(unknown.body.message).toContain("errorRate")
    expect(outOfRange.body.message).toContain("error503Rate")
  })

  it("never faults the control surface", async () => {
    const { control } = doceboTestbed()
    await control("POST", "faults", { error503Rate: 1 })
    expect((await control("GET", "state")).status).toBe(200)
  })
})
