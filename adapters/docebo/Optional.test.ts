import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { domainOfUrl } from "./Optional.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { readDoceboSnapshot } from "./testing/Snapshot.ts"

const withoutOptionalEndpoints = simulatedDocebo({
  seed: doceboSeed,
  tenant: { endpoints: { webinarAccounts: false, domain: false } },
})

describe("Docebo's optional endpoints", () => {
  it.scoped("without a webinar-accounts endpoint, the accounts are an incomplete empty listing that says why", () =>
    Effect.gen(function* () {
      const { run } = yield* withoutOptionalEndpoints
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.webinarAccounts()))
      expect(listing.items).toEqual([])
      expect(listing.complete).toBe(false)
      expect(listing.notices?.map((notice) => notice.code)).toEqual(["webinar_accounts_unavailable"])
      expect(listing.notices?.[0]?.message).toContain("the seed's CSV")
    }),
  )

  it.scoped(
    "without a domain endpoint, the configured host is the main domain only once the operator confirms it",
    () =>
      Effect.gen(function* () {
        const { run } = yield* withoutOptionalEndpoints
        const domain = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
        expect(domain).toEqual({ domain: "acme.docebosaas.com", isMainDomain: false, checkedBy: "unconfirmed" })
        const confirmed = yield* simulatedDocebo({
          seed: doceboSeed,
          tenant: { endpoints: { domain: false } },
          config: { mainDomain: "ACME.docebosaas.com " },
        })
        const seen = yield* confirmed.run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
        expect(seen).toEqual({ domain: "acme.docebosaas.com", isMainDomain: true, checkedBy: "operator" })
      }),
  )

  it.scoped("with them, the answers are Docebo's own", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const domain = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
      expect(domain.checkedBy).toBe("api")
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.webinarAccounts()))
      expect(listing).toMatchObject({ complete: true })
      expect(listing.notices ?? []).toEqual([])
    }),
  )

  it.scoped(
    "the strict profile's tenant reads whole: everything but the accounts complete, the domain unconfirmed",
    () =>
      Effect.gen(function* () {
        const { run } = yield* simulatedDocebo({ seed: doceboSeed, tenant: { profile: "strict" } })
        const snapshot = yield* run(readDoceboSnapshot)
        const { courses, sessions, locations, classrooms, users } = snapshot
        expect([courses, sessions, locations, classrooms, users].every((listing) => listing.complete)).toBe(true)
        expect(sessions.items).toHaveLength(4)
        expect(snapshot.webinarAccounts).toMatchObject({ items: [], complete: false })
        expect(snapshot.domain.checkedBy).toBe("unconfirmed")
      }),
  )

  it("a URL with a label before the tenant's is a sub-domain whatever is confirmed; any other host needs confirming", () => {
    expect(domainOfUrl("https://emea.acme.docebosaas.com/", "emea.acme.docebosaas.com")).toEqual({
      domain: "emea.acme.docebosaas.com",
      isMainDomain: false,
      checkedBy: "configured-url",
    })
    expect(domainOfUrl("https://ACME.docebosaas.com", "acme.docebosaas.com").checkedBy).toBe("operator")
    expect(domainOfUrl("https://acme.docebosaas.com", null).checkedBy).toBe("unconfirmed")
    expect(domainOfUrl("https://learning.acme.example", "learning.acme.example")).toEqual({
      domain: "learning.acme.example",
      isMainDomain: true,
      checkedBy: "operator",
    })
    // A confirmation names one host: another configured URL is not confirmed by it.
    expect(domainOfUrl("https://learning.acme.example", "acme.docebosaas.com").isMainDomain).toBe(false)
  })
})
