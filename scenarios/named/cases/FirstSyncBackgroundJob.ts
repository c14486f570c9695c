import { contains, equals, isTrue, matches } from "../Matchers.ts"
import { act, expectThat, serviceScenario } from "../Scenario.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

interface CourseRow {
  readonly code: string
  readonly syncStatus: string
  readonly error: string | null
}

const courses = async (w: ServiceWorld) => (await w.call("GET", "/courses")).json<CourseRow[]>()

export default serviceScenario({
  name: "first-sync-background-job",
  description: "the first sync starts as a background job the operator polls; it fills TO and the Courses tab",
  rule: "Behaviour 3: the first synchronization is started by hand and runs as a background job",
  tenant: "acme",
  steps: [
    expectThat("the Courses tab is empty before any sync", courses, equals([])),
    act("the operator launches the synchronization (POST /sync)", async (w) => {
      const answer = await w.call("POST", "/sync", {})
      w.memo.set("started", { status: answer.status, jobId: answer.json().jobId })
    }),
    expectThat("the answer is 202 with a job id, at once", (w) => w.memo.get("started"), matches({ status: 202 })),
    expectThat(
      "a second full sync meanwhile is refused with 409 naming the running job",
      async (w) => {
        const answer = await w.call("POST", "/sync", {})
        return {
          status: answer.status,
          sameJob: answer.json().jobId === (w.memo.get("started") as { jobId: string }).jobId,
        }
      },
      equals({ status: 409, sameJob: true }),
    ),
    act("the operator polls GET /jobs/{id} until the job ends", async (w) => {
      w.memo.set("job", await w.finished((w.memo.get("started") as { jobId: string }).jobId))
    }),
    expectThat(
      "the job succeeded",
      (w) => w.memo.get("job"),
      matches({ kind: "sync", status: "succeeded", error: null }),
    ),
    expectThat(
      "its progress reached its total",
      (w) => {
        const { progress } = w.memo.get("job") as { progress: { done: number; total: number } }
        return progress.total > 0 && progress.done === progress.total
      },
      isTrue,
    ),
    expectThat(
      "the Courses tab lists acme's 42 ILT and VILT courses",
      async (w) => (await courses(w)).length,
      equals(42),
    ),
    expectThat(
      "LDR-101 is synced",
      async (w) => (await courses(w)).find((c) => c.code === "LDR-101")?.syncStatus,
      equals("synced"),
    ),
    expectThat(
      "the course without a code shows its error",
      async (w) => (await courses(w)).find((c) => c.code === "")?.error,
      contains("course code is missing"),
    ),
    expectThat(
      "TO has a course for every Docebo ILT/VILT course with a code",
      async (w) => {
        const toCodes = new Set(w.to.state.snapshot().courses.map((course) => course.code))
        return (await courses(w)).filter((c) => c.code !== "" && !toCodes.has(c.code)).map((c) => c.code)
      },
      equals([]),
    ),
  ],
})
