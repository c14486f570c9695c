import { expect, layer } from "@effect/vitest"
import { type Context, Effect, Layer } from "effect"
import { StoreLive } from "../../adapters/store/StoreLive.ts"
import type { DoceboUser } from "../../engine/model/Docebo.ts"
import * as B from "../../engine/testing/Builders.ts"
import { Systems } from "./Systems.ts"
import { saveUserDirectory, userDirectoryPage } from "./UserDirectory.ts"

const surnames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]

/** A large platform's users: ten thousand, ten surnames among them. */
const users: ReadonlyArray<DoceboUser> = Array.from({ length: 10_000 }, (_, i) =>
  B.doceboUser(String(20_000 + i), {
    username: `user${i}`,
    firstName: `First${i}`,
    lastName: surnames[i % surnames.length] ?? "",
    email: `user${i}@platform.example`,
  }),
)

// The directory is saved beforehand: no page may reach Docebo.
const noSystems = Layer.succeed(Systems, {} as Context.Tag.Service<Systems>)

layer(Layer.merge(StoreLive(":memory:"), noSystems))("the user directory of a large platform", (it) => {
  it.effect("is searched without decoding it again: twenty searches over 10,000 users in well under a second", () =>
    Effect.gen(function* () {
      yield* saveUserDirectory(users, "2027-01-10T09:00:00.000Z")
      const first = yield* userDirectoryPage({})
      expect(first).toMatchObject({ total: 10_000, pages: 400, readAt: "2027-01-10T09:00:00.000Z" })
      // Sorted by last name, then first name (First10 before First100, by their numbers), then id.
      expect(first.items.slice(0, 3).map((user) => [user.lastName, user.firstName])).toEqual([
        ["Bernard", "First1"],
        ["Bernard", "First11"],
        ["Bernard", "First21"],
      ])
      const started = performance.now()
      for (let i = 0; i < 20; i++) {
        const found = yield* userDirectoryPage({ search: `USER${4242 + i}@`, pageSize: 100 })
        expect(found.items.map((user) => user.username)).toEqual([`user${4242 + i}`])
      }
      expect(performance.now() - started).toBeLessThan(1000)
      expect((yield* userDirectoryPage({ search: "dubois", pageSize: 100, page: 10 })).items).toHaveLength(100)
    }),
  )

  it.effect("shows a new read as soon as it is saved", () =>
    Effect.gen(function* () {
      yield* saveUserDirectory(
        [...users.slice(0, 10), B.doceboUser("1", { lastName: "Aalto" })],
        "2027-01-10T10:00:00.000Z",
      )
      const page = yield* userDirectoryPage({ pageSize: 5 })
      expect(page).toMatchObject({ total: 11, pages: 3, readAt: "2027-01-10T10:00:00.000Z" })
      expect(page.items[0]?.lastName).toBe("Aalto")
    }),
  )
})
