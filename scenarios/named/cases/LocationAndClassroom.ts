import type { EngineWorld } from "../EngineWorld.ts"
import { doceboClassroomOf, doceboLocationOf } from "../Lookups.ts"
import { equals, matches } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

const locationOf = (w: EngineWorld) => doceboLocationOf(w, w.memo.get("location"))
const classroomOf = (w: EngineWorld) => doceboClassroomOf(w, w.memo.get("room"))

export default engineScenario({
  name: "location-and-classroom",
  description: "a location and a room created in TO become a Docebo location and classroom, and follow TO's edits",
  rule: "Synchronizing: locations and classrooms created or updated in TO are created or updated in Docebo",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a TO planner creates the location “Acme Berlin” with the room “Spree” (16 seats)", async (w) => {
      const location = await w.toAct({
        action: "upsert_location",
        location: { name: "Acme Berlin", address: "Unter den Linden 1", city: "Berlin", country: "DE" },
      })
      w.memo.set("location", location.id)
      const room = await w.toAct({
        action: "upsert_room",
        room: { location_id: location.id, name: "Spree", seats: 16, kind: "physical" },
      })
      w.memo.set("room", room.id)
    }),
    act("a sync runs", (w) => w.sync()),
    expectThat(
      "Docebo has the location, its address on one line",
      (w) => locationOf(w),
      matches({ name: "Acme Berlin", address: "Unter den Linden 1, Berlin", iso_code_country: "DE" }),
    ),
    expectThat(
      "Docebo has the classroom “Spree” with 16 seats",
      (w) => classroomOf(w),
      matches({ name: "Spree", seats: 16 }),
    ),
    expectThat(
      "the classroom is in that location",
      (w) => classroomOf(w)?.id_location === locationOf(w)?.id_location,
      equals(true),
    ),
    act("the Docebo ids are noted", (w) =>
      w.memo.set("ids", [locationOf(w)?.id_location, classroomOf(w)?.id_classroom]),
    ),
    act("a TO planner renames the location and gives the room 20 seats", async (w) => {
      await w.toAct({
        action: "upsert_location",
        location: { id: w.memo.get("location"), name: "Acme Berlin – Mitte", address: "Friedrichstraße 100" },
      })
      await w.toAct({ action: "upsert_room", room: { id: w.memo.get("room"), seats: 20 } })
    }),
    act("a sync runs", (w) => w.sync()),
    expectThat(
      "the Docebo location is updated",
      (w) => locationOf(w),
      matches({ name: "Acme Berlin – Mitte", address: "Friedrichstraße 100, Berlin" }),
    ),
    expectThat("the Docebo classroom has 20 seats", (w) => classroomOf(w)?.seats, equals(20)),
    expectSame(
      "both were updated in place, not made again",
      (w) => [locationOf(w)?.id_location, classroomOf(w)?.id_classroom],
      (w) => w.memo.get("ids") as Array<number | undefined>,
    ),
  ],
})
