import { equals, matches } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboUser, expectStatus, firstSync, toTrainerOf } from "../ServiceSteps.ts"

export default serviceScenario({
  name: "trainers-added",
  description:
    "Docebo users added as trainers of a provider, with names and e-mail, get them in Docebo first, then become TO trainers",
  rule: "Behaviour 8: add users as trainers with a training provider and the additional fields",
  tenant: "acme",
  steps: [
    firstSync,
    act("the operator adds users 1101 and 1102 as trainers of SkillBridge, with their names and e-mail", (w) =>
      expectStatus(
        w,
        "POST",
        "/trainers",
        {
          trainingProviderId: "prv_skillbridge",
          trainers: [
            { userId: "1101", firstName: "Alice", lastName: "Bernard-Lee", email: "alice.bl@acme-corp.example" },
            { userId: "1102", firstName: "Bruno", lastName: "Costa", email: "bruno.costa@acme-corp.example" },
          ],
        },
        201,
      ),
    ),
    expectThat(
      "the Docebo user holds the names first (Docebo is master)",
      (w) => doceboUser(w, "1101"),
      matches({ first_name: "Alice", last_name: "Bernard-Lee", email: "alice.bl@acme-corp.example" }),
    ),
    expectThat(
      "TO has the trainer, with the provider chosen",
      (w) => toTrainerOf(w, "1101"),
      matches({
        first_name: "Alice",
        last_name: "Bernard-Lee",
        email: "alice.bl@acme-corp.example",
        training_provider_id: "prv_skillbridge",
        active: true,
      }),
    ),
    expectThat("the second one too", (w) => toTrainerOf(w, "1102"), matches({ last_name: "Costa", active: true })),
    expectThat(
      "the Trainers tab lists both with SkillBridge",
      async (w) =>
        (await w.call("GET", "/trainers"))
          .json<Array<{ userId: string; trainingProviderId: string }>>()
          .filter((t) => t.userId === "1101" || t.userId === "1102")
          .map((t) => t.trainingProviderId),
      equals(["prv_skillbridge", "prv_skillbridge"]),
    ),
    expectThat(
      "the event log names each user as the target",
      async (w) =>
        (await w.call("GET", "/event-logs?action=trainer.add"))
          .json<{ items: Array<{ target: string }> }>()
          .items.map((item) => item.target)
          .sort(),
      equals(["1101", "1102"]),
    ),
  ],
})
