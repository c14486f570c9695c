import { describe, expect, it } from "vitest"
import { ReadFailed } from "../../../engine/Errors.ts"
import { refusal } from "./Credentials.ts"

describe("a credentials check that failed", () => {
  it("is a 422 when the system answered and refused them", () => {
    const problem = refusal(new ReadFailed({ system: "to", resource: "token", status: 401, reason: "invalid_client" }))
    expect(problem.status).toBe(422)
    expect(problem.detail).toMatch(/^Training Orchestra refused the credentials: .*invalid_client/)
  })

  it("is a 502 naming the system when it could not be reached: the credentials may well be right", () => {
    for (const failed of [
      new ReadFailed({
        system: "docebo",
        resource: "domain",
        reason: "Docebo cannot be reached at https://acme.docebosaas.com",
      }),
      new ReadFailed({ system: "docebo", resource: "domain", status: 503, reason: "overloaded" }),
    ]) {
      const problem = refusal(failed)
      expect(problem.status).toBe(502)
      expect(problem.detail).toMatch(/^Docebo could not be reached to check the credentials/)
    }
  })
})
