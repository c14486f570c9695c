import { describe, expect, it } from "vitest"
import { findTenant, simulatorSeedsFor, tenants } from "./Registry.ts"

describe("tenant registry", () => {
  it("names acme, empty and synthetic-1k", () => {
    expect(Object.keys(tenants).sort()).toEqual(["acme", "empty", "synthetic-1k"])
    expect(tenants["synthetic-1k"]?.().docebo.courses).toHaveLength(1_000)
    const empty = tenants.empty?.()
    expect(Object.values(empty?.docebo ?? {}).filter((value) => Array.isArray(value) && value.length > 0)).toEqual([])
    expect(Object.values(empty?.to ?? {}).filter((value) => Array.isArray(value) && value.length > 0)).toEqual([])
  })

  it("makes a synthetic tenant of any size by name, and nothing for an unknown name", () => {
    expect(findTenant("synthetic-250")?.().to.courses).toHaveLength(250)
    expect(findTenant("synthetic-2k")?.().docebo.courses).toHaveLength(2_000)
    expect(findTenant("synthetic-0")).toBeUndefined()
    expect(findTenant("acme-2")).toBeUndefined()
    expect(findTenant("toString")).toBeUndefined()
  })

  it("adds acme's e-learning courses to its Docebo seed only", () => {
    const acme = simulatorSeedsFor("acme")?.docebo.courses ?? []
    expect(acme.filter((course) => course.course_type === "elearning").length).toBeGreaterThan(0)
    const synthetic = simulatorSeedsFor("synthetic-10")?.docebo.courses ?? []
    expect(synthetic.filter((course) => course.course_type === "elearning")).toEqual([])
    expect(simulatorSeedsFor("nope")).toBeUndefined()
  })
})
