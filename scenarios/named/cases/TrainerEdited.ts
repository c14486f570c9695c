import { equals } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboUser, expectStatus, firstSync, toTrainerOf } from "../ServiceSteps.ts"

export default serviceScenario({
  name: "trainer-edited",
  description: "a trainer's e-mail and last name edited in iltsync are written to the Docebo user, then to TO",
  rule: "Behaviour 8: edit a trainer; Docebo is master of the additional fields",
  tenant: "acme",
  steps: [
    firstSync,
    act("the operator edits Sophie Martin (1003): last name “Martin-Leroy”, a new e-mail", (w) =>
      expectStatus(
        w,
        "PATCH",
        "/trainers/1003",
        { lastName: "Martin-Leroy", email: "sophie.martin-leroy@acme-corp.example" },
        200,
      ),
    ),
    expectThat(
      "the Docebo user has them",
      (w) => [doceboUser(w, "1003")?.last_name, doceboUser(w, "1003")?.email],
      equals(["Martin-Leroy", "sophie.martin-leroy@acme-corp.example"]),
    ),
    expectThat(
      "the TO trainer has them",
      (w) => [toTrainerOf(w, "1003")?.last_name, toTrainerOf(w, "1003")?.email],
      equals(["Martin-Leroy", "sophie.martin-leroy@acme-corp.example"]),
    ),
    expectThat(
      "the edit is logged with the trainer as target",
      async (w) =>
        (await w.call("GET", "/event-logs?action=trainer.edit"))
          .json<{ items: Array<{ target: string }> }>()
          .items.map((item) => item.target),
      equals(["1003"]),
    ),
  ],
})
