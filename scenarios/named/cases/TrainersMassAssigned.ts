import { equals } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { expectStatus, firstSync, toTrainerOf } from "../ServiceSteps.ts"

const users = ["1001", "1002", "1003"]

export default serviceScenario({
  name: "trainers-mass-assigned",
  description: "three trainers assigned to another training provider at once are moved in TO",
  rule: "Behaviour 8: assign many trainers to a training provider at once",
  tenant: "acme",
  steps: [
    firstSync,
    expectThat(
      "Claire Dubois, James Whitfield and Sophie Martin train for the Academy",
      (w) => users.map((user) => toTrainerOf(w, user)?.training_provider_id),
      equals(["prv_academy", "prv_academy", "prv_academy"]),
    ),
    act("the operator selects the three and assigns them to SkillBridge", (w) =>
      expectStatus(
        w,
        "POST",
        "/trainers/assign-training-provider",
        { userIds: users, trainingProviderId: "prv_skillbridge" },
        200,
      ),
    ),
    expectThat(
      "their TO trainers belong to SkillBridge",
      (w) => users.map((user) => toTrainerOf(w, user)?.training_provider_id),
      equals(["prv_skillbridge", "prv_skillbridge", "prv_skillbridge"]),
    ),
    expectThat(
      "the Trainers tab shows it",
      async (w) =>
        (await w.call("GET", "/trainers"))
          .json<Array<{ userId: string; trainingProviderId: string }>>()
          .filter((t) => users.includes(t.userId))
          .map((t) => t.trainingProviderId),
      equals(["prv_skillbridge", "prv_skillbridge", "prv_skillbridge"]),
    ),
    expectThat(
      "assigning to a deactivated provider is refused (422)",
      async (w) =>
        (
          await w.call("POST", "/trainers/assign-training-provider", {
            userIds: ["1001"],
            trainingProviderId: "prv_formapro",
          })
        ).status,
      equals(422),
    ),
  ],
})
