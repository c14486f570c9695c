/** The automatic sync the seed promises when an ILT or VILT course is created in Docebo, for either type. */
import { equals, matches } from "../Matchers.ts"
import { act, expectThat, type Scenario, serviceScenario } from "../Scenario.ts"
import { firstSync } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

interface NewCourse {
  readonly name: string
  readonly code: string
  readonly type: "ilt" | "vilt"
}

const toCourse = (w: ServiceWorld, code: string) => w.to.state.snapshot().courses.find((c) => c.code === code)

export const courseCreatedScenario = (course: NewCourse): Scenario =>
  serviceScenario({
    name: `${course.type}-course-created-by-webhook`,
    description: `${course.type === "ilt" ? "an" : "a"} ${course.type.toUpperCase()} course created in Docebo reaches TO through its course.created webhook alone`,
    rule: "Behaviour 3: later syncs run automatically when an ILT/VILT course is created in Docebo",
    tenant: "acme",
    steps: [
      firstSync,
      act("the number of TO courses is noted", (w) => w.memo.set("before", w.to.state.snapshot().courses.length)),
      act(
        `a Docebo admin creates the ${course.type.toUpperCase()} course ${course.code} “${course.name}”`,
        async (w) => {
          const created = await w.doceboApi("POST", "/learn/v1/courses", {
            name: course.name,
            code: course.code,
            course_type: course.type === "ilt" ? "classroom" : "webinar",
          })
          w.memo.set("id", String(created.id_course))
        },
      ),
      act("Docebo's course.created webhook reaches iltsync, and the sync it starts ends", (w) => w.settled()),
      expectThat(
        `TO has the course ${course.code}, ${course.type === "ilt" ? "onsite" : "online"}, stamped with its Docebo id`,
        (w) => {
          const found = toCourse(w, course.code)
          return found && { ...found, sameId: found.external_ref === w.memo.get("id") }
        },
        matches({
          title: course.name,
          modality: course.type === "ilt" ? "onsite" : "online",
          active: true,
          sameId: true,
        }),
      ),
      expectThat(
        "only that course was synced (the others a full sync would touch are left to it)",
        (w) => w.to.state.snapshot().courses.length - (w.memo.get("before") as number),
        equals(1),
      ),
      expectThat(
        "the Courses tab shows it synced",
        async (w) =>
          (await w.call("GET", "/courses"))
            .json<Array<{ code: string; syncStatus: string }>>()
            .find((c) => c.code === course.code)?.syncStatus,
        equals("synced"),
      ),
      expectThat(
        "the event log's newest entry names the webhook as the acting user",
        async (w) =>
          (await w.call("GET", "/event-logs?action=sync.course.create")).json<{ items: Array<{ user: string }> }>()
            .items[0]?.user,
        equals("webhook:docebo"),
      ),
    ],
  })
