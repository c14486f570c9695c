import { courseStatus, courseStatusById, toCourseOf } from "../Lookups.ts"
import { contains, equals, isFalse } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

export default engineScenario({
  name: "course-without-code",
  description: "a course without a code shows an error status and never reaches TO; the other courses sync as usual",
  rule: "Behaviour 4: per-course sync status; a failing course never stops the others",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    expectThat(
      "“Atelier Design Thinking” (no code) has the error status “course code is missing”",
      (w) => courseStatusById(w, "127"),
      equals({ status: "error", error: 'course "Atelier Design Thinking" (127): course code is missing' }),
    ),
    expectThat("no TO course was made from it", (w) => toCourseOf(w, "127") !== undefined, isFalse),
    expectThat("LDR-101 is synced", (w) => courseStatus(w, "LDR-101")?.status, equals("synced")),
    expectThat("LEAN-150 is synced", (w) => courseStatus(w, "LEAN-150")?.status, equals("synced")),
    act("the TO course of LDR-101 is noted", (w) => w.memo.set("ldr101", toCourseOf(w, "101"))),
    act("a Docebo admin blanks the code of LDR-101", (w) => w.doceboApi("/learn/v1/courses/101", "PUT", { code: "" })),
    act("a sync runs", (w) => w.sync()),
    expectThat("course 101 now has the error status", (w) => courseStatusById(w, "101")?.status, equals("error")),
    expectThat(
      "its message names the missing code",
      (w) => courseStatusById(w, "101")?.error,
      contains("course code is missing"),
    ),
    expectSame(
      "its TO course is left exactly as it was",
      (w) => toCourseOf(w, "101"),
      (w) => w.memo.get("ldr101") as ReturnType<typeof toCourseOf>,
    ),
    expectThat("LDR-102 is still synced", (w) => courseStatus(w, "LDR-102")?.status, equals("synced")),
  ],
})
