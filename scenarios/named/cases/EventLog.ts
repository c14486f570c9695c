import { equals, isTrue } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { expectStatus, firstSync } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

interface Entry {
  readonly at: string
  readonly user: string
  readonly action: string
  readonly target: string | null
  readonly ip: string | null
}

const entries = async (w: ServiceWorld, query: string) =>
  (await w.call("GET", `/event-logs?${query}`)).json<{ items: Entry[] }>().items

const sorted = (values: ReadonlyArray<string>, direction: "asc" | "desc") => {
  const copy = [...values].sort()
  return JSON.stringify(direction === "asc" ? copy : copy.reverse()) === JSON.stringify(values)
}

export default serviceScenario({
  name: "event-log",
  description: "every sync and operator action is logged with time, user, action, target and IP; sorted and filtered",
  rule: "Behaviour 9: event log sorted by time (newest first), sortable by action, filterable by date range",
  tenant: "acme",
  steps: [
    firstSync,
    act("the operator adds user 1101 as a trainer", (w) =>
      expectStatus(
        w,
        "POST",
        "/trainers",
        {
          trainingProviderId: "prv_academy",
          trainers: [{ userId: "1101", firstName: "Alice", lastName: "Bernard", email: "alice.b@acme-corp.example" }],
        },
        201,
      ),
    ),
    expectThat(
      "by default the newest entry comes first",
      async (w) =>
        sorted(
          (await entries(w, "limit=200")).map((e) => e.at),
          "desc",
        ),
      isTrue,
    ),
    expectThat(
      "sorted by action, actions come in order",
      async (w) =>
        sorted(
          (await entries(w, "sort=action&order=asc&limit=500")).map((e) => e.action),
          "asc",
        ),
      isTrue,
    ),
    expectThat(
      "the trainer's addition names the acting user and the target user",
      async (w) => (await entries(w, "action=trainer.add")).map((e) => [e.user, e.target]),
      equals([["operator", "1101"]]),
    ),
    expectThat(
      "each entry carries time, user, action, target and IP address fields",
      async (w) => Object.keys((await entries(w, "limit=1"))[0] ?? {}).sort(),
      equals(["action", "at", "details", "id", "ip", "target", "user"]),
    ),
    expectThat(
      "a date range in the future holds nothing",
      async (w) => (await entries(w, "from=2999-01-01&to=2999-12-31")).length,
      equals(0),
    ),
    expectThat(
      "a date range around now holds the sync's entries",
      async (w) => {
        const today = new Date().toISOString().slice(0, 10)
        return (await entries(w, `from=${today}&to=${today}&action=sync.start`)).length
      },
      equals(1),
    ),
  ],
})
