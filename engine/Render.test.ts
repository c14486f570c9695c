import { describe, expect, it } from "@effect/vitest"
import { renderPlan } from "./Render.ts"
import * as B from "./testing/Builders.ts"
import type { World } from "./testing/MemoryApply.ts"
import { planOf, settle, world } from "./testing/Worlds.ts"

const hundredSessions = (): World =>
  settle(
    world({
      docebo: { courses: [B.doceboCourse("1")] },
      to: {
        courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })],
        sessions: Array.from({ length: 100 }, (_, i) => B.toSession(`S${i}`, "c1", { slots: [B.toSlot(`s${i}`)] })),
      },
    }),
  )

const withMax = (w: World, max: number, count = 100): World => ({
  ...w,
  to: { ...w.to, sessions: w.to.sessions.map((s, i) => (i < count ? { ...s, maxParticipants: max } : s)) },
})

describe("renderPlan", () => {
  it("shows a one-field change across 100 sessions once, on one screen, summary first", () => {
    const text = renderPlan(planOf(withMax(hundredSessions(), 25)))
    const lines = text.trimEnd().split("\n")
    expect(lines.length).toBeLessThanOrEqual(24)
    expect(lines[0]).toBe(
      "Plan: 0 to create, 100 to update, 0 to adopt, 0 to delete, 0 to deactivate; 0 held, 0 blocked.",
    )
    expect(text).toMatch(/session +0 +100 +0 +0 +0 +0 +0/)
    expect(text).toContain("~ update session in Docebo × 100")
    expect(text.match(/maxEnroll: 20 → 25/g)).toHaveLength(1)
    expect(text).toContain("records: S0, S1, S10, S11, S12, … (+95)")
  })

  it("lists only the changed fields, and held ops with why they wait", () => {
    const base = hundredSessions()
    const w = {
      ...withMax(base, 30, 1),
      docebo: { ...base.docebo, sessions: base.docebo.sessions.map((s) => ({ ...s, enrolled: 3 })) },
    }
    const cancelled = {
      ...w,
      to: { ...w.to, sessions: w.to.sessions.map((s) => (s.id === "S5" ? { ...s, status: "cancelled" as const } : s)) },
    }
    const text = renderPlan(planOf(cancelled))
    expect(text).toContain("maxEnroll: 20 → 30")
    expect(text).not.toContain("minEnroll")
    expect(text).toContain("- delete session in Docebo S5 [held]")
    expect(text).toContain("3 enrollments in Docebo would be dropped")
  })

  it("lists warnings, and colours only when asked", () => {
    const planned = planOf(world({ docebo: { courses: [B.doceboCourse("1", { code: "" }), B.doceboCourse("2")] } }))
    const plain = renderPlan(planned)
    expect(plain).toContain("Warnings (1):")
    expect(plain).toContain('course_code_missing: course "Course 1" (1): course code is missing')
    expect(plain).not.toContain("\u001b[")
    expect(renderPlan(planned, { color: true })).toContain("\u001b[32m+\u001b[0m")
  })

  it("says so when there is nothing to do", () => {
    expect(renderPlan(planOf(hundredSessions()))).toBe("No changes. Docebo and Training Orchestra are in step.\n")
  })
})
