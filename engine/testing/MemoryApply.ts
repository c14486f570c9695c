/**
 * A pure, in-memory stand-in for both systems and the store: applies a plan's ops to the snapshots the way the
 * adapters and the reconciler will (records created with the other side's id stamped on them, links recorded with
 * the op's fingerprint, operator requests cleared once carried out). The planner's laws are checked against it.
 */
import type { DoceboEvent, DoceboSession, DoceboSnapshot } from "../model/Docebo.ts"
import type { Link, LinkedEntity, StoreSnapshot } from "../model/Store.ts"
import type { ToSnapshot } from "../model/Training.ts"
import { naturalKey } from "../Normalise.ts"
import type { Change, Op, PlanBody, Value } from "../Plan.ts"

export interface World {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
}

type Mutable<T> = T extends string | number | boolean | null
  ? T
  : T extends ReadonlyArray<infer U>
    ? Array<Mutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T
type Rec = Record<string, unknown>

const clone = <T>(value: T): Mutable<T> => structuredClone(value) as Mutable<T>

/** Top-level values of a change set (`events[...]` changes are handled by the session code). */
const fieldsOf = (changes: ReadonlyArray<Change>): Map<string, Value> =>
  new Map(changes.filter((c) => !c.path.includes("[")).map((c) => [c.path, c.to]))

const itemPath = /^(\w+)\[([^\]]+)\](?:\.(\w+))?$/

export const applyPlan = (world: World, planned: PlanBody, options: { approveHeld?: boolean } = {}): World => {
  const docebo = clone(world.docebo)
  const to = clone(world.to)
  const store = clone(world.store)
  const done = new Set<string>()
  let counter = 0
  const newId = (kind: string) => `mem-${kind}-${++counter}`

  const setLink = (entity: LinkedEntity, link: Link) => {
    const list = store.links[entity].filter((l) => l.docebo !== link.docebo && l.to !== link.to)
    list.push(link)
    store.links[entity] = list
  }
  const dropLink = (entity: LinkedEntity, side: "docebo" | "to", id: string) => {
    store.links[entity] = store.links[entity].filter((l) => l[side] !== id)
  }
  const doceboIdOf = (entity: LinkedEntity, toId: string | null): string | null => {
    if (toId === null) return null
    return store.links[entity].find((l) => l.to === toId)?.docebo ?? null
  }
  const providerIdOf = (value: Value): string | null => {
    if (typeof value !== "string") return null
    if (!value.startsWith("request:")) return value
    return providerByRequest.get(value) ?? null
  }
  const providerByRequest = new Map<string, string>()

  const assign = (record: Rec, values: Map<string, Value>, names: Record<string, string>) => {
    for (const [field, value] of values) {
      const name = names[field] ?? field
      if (name !== "") record[name] = value
    }
  }

  const eventFrom = (id: string, item: Rec): Mutable<DoceboEvent> => ({
    id: id as DoceboEvent["id"],
    name: "",
    day: item.day as string,
    timeBegin: `${item.start as string}:00`,
    timeEnd: `${item.end as string}:00`,
    timezone: item.timezone as string,
    locationId: doceboIdOf("location", (item.location as string | undefined) ?? null) as DoceboEvent["locationId"],
    classroomId: doceboIdOf("classroom", (item.classroom as string | undefined) ?? null) as DoceboEvent["classroomId"],
    tool: (item.tool ?? null) as DoceboEvent["tool"],
    webinarAccountId: (item.webinarAccount ?? null) as DoceboEvent["webinarAccountId"],
    durationMinutes: (item.durationMinutes ?? null) as number | null,
    instructors: [...((item.instructors as unknown as DoceboEvent["instructors"]) ?? [])],
    externalId: item.externalId as DoceboEvent["externalId"],
    joinUrl: null,
  })

  const setEventField = (event: Mutable<DoceboEvent>, field: string, value: Value) => {
    const e = event as unknown as Rec
    if (field === "start") e.timeBegin = `${value as string}:00`
    else if (field === "end") e.timeEnd = `${value as string}:00`
    else if (field === "location") e.locationId = doceboIdOf("location", value as string | null)
    else if (field === "classroom") e.classroomId = doceboIdOf("classroom", value as string | null)
    else if (field === "webinarAccount") e.webinarAccountId = value
    else e[field] = Array.isArray(value) ? [...value] : value
  }

  const sessionFields = { course: "courseId", completionMode: "completionType" }

  const applySession = (op: Op) => {
    if (op.system === "to") {
      const session = to.sessions.find((s) => s.id === op.target?.id)
      if (session) session.needsReconfiguration = true
      return
    }
    if (op.action === "delete") {
      docebo.sessions = docebo.sessions.filter((s) => s.id !== op.target?.id)
      dropLink("session", "docebo", op.target?.id ?? "")
      return
    }
    let session: Mutable<DoceboSession> | undefined
    if (op.action === "create") {
      session = {
        id: newId("session") as DoceboSession["id"],
        courseId: "" as DoceboSession["courseId"],
        name: "",
        maxEnroll: null,
        minEnroll: null,
        instructors: [],
        completionType: null,
        externalId: null,
        enrolled: 0,
        events: [],
      }
      docebo.sessions.push(session)
    } else session = docebo.sessions.find((s) => s.id === op.target?.id)
    if (!session) throw new Error(`${op.id}: no Docebo session ${op.target?.id}`)
    const values = fieldsOf(op.changes)
    assign(session as unknown as Rec, values, sessionFields)
    if (values.has("instructors"))
      session.instructors = [...(values.get("instructors") as DoceboSession["instructors"])]
    for (const change of op.changes) {
      const match = itemPath.exec(change.path)
      if (!match) continue
      const [, , key, field] = match
      const existingId = op.target?.items?.[key as string]
      if (field === undefined) {
        if (change.to === null) continue
        session.events.push(eventFrom(existingId ?? newId("event"), change.to as Rec))
        continue
      }
      const event = session.events.find((e) => e.id === existingId)
      if (!event) throw new Error(`${op.id}: no event for ${change.path}`)
      setEventField(event, field, change.to)
    }
    setLink("session", { docebo: session.id, to: op.key, fingerprint: op.fingerprint ?? "" })
  }

  const applyEvent = (op: Op) => {
    const session = docebo.sessions.find((s) => s.id === op.target?.parentId)
    if (session) session.events = session.events.filter((e) => e.id !== op.target?.id)
  }

  /** Records mirrored one to one: find or create the replica record, assign the changed fields, link it. */
  const applySimple = (op: Op) => {
    const values = fieldsOf(op.changes)
    const entity = op.entity as LinkedEntity
    if (op.entity === "course") {
      const names = { name: "title", type: "" }
      const record = upsert(to.courses as unknown as Rec[], op, () => ({
        id: newId("course"),
        code: "",
        title: "",
        modality: "onsite",
        language: "",
        active: true,
        externalRef: null,
      }))
      assign(record, values, names)
      if (values.has("type")) record.modality = values.get("type") === "ilt" ? "onsite" : "online"
      if (op.action !== "deactivate")
        setLink(entity, { docebo: op.key, to: record.id as string, fingerprint: op.fingerprint ?? "" })
    } else if (op.entity === "webinarAccount") {
      const record = upsert(to.rooms as unknown as Rec[], op, () => ({
        id: newId("room"),
        locationId: null,
        name: "",
        seats: null,
        kind: "virtual",
        webinarTool: null,
        active: true,
        externalRef: null,
      }))
      assign(record, values, {})
      if (op.action !== "deactivate")
        setLink(entity, { docebo: op.key, to: record.id as string, fingerprint: op.fingerprint ?? "" })
    } else if (op.entity === "location") {
      const record = upsert(docebo.locations as unknown as Rec[], op, () => ({
        id: newId("location"),
        name: "",
        address: "",
        countryCode: null,
        externalId: null,
      }))
      assign(record, values, { country: "countryCode" })
      setLink(entity, { docebo: record.id as string, to: op.key, fingerprint: op.fingerprint ?? "" })
    } else if (op.entity === "classroom") {
      const record = upsert(docebo.classrooms as unknown as Rec[], op, () => ({
        id: newId("classroom"),
        locationId: "",
        name: "",
        seats: null,
        externalId: null,
      }))
      assign(record, values, { location: "" })
      if (values.has("location")) record.locationId = doceboIdOf("location", values.get("location") as string | null)
      setLink(entity, { docebo: record.id as string, to: op.key, fingerprint: op.fingerprint ?? "" })
    } else if (op.entity === "trainer" && op.system === "docebo") {
      const user = docebo.users.find((u) => u.id === op.key) as unknown as Rec
      assign(user, values, {})
      const trainer = store.trainers.find((t) => t.userId === op.key)
      if (trainer) trainer.pending = null
    } else if (op.entity === "trainer") {
      const record = upsert(to.trainers as unknown as Rec[], op, () => ({
        id: newId("trainer"),
        firstName: "",
        lastName: "",
        email: "",
        trainingProviderId: null,
        active: true,
        externalRef: null,
      }))
      assign(record, values, { trainingProvider: "" })
      if (values.has("trainingProvider"))
        record.trainingProviderId = providerIdOf(values.get("trainingProvider") ?? null)
      if (op.action !== "deactivate")
        setLink(entity, { docebo: op.key, to: record.id as string, fingerprint: op.fingerprint ?? "" })
    }
  }

  const upsert = (list: Rec[], op: Op, make: () => Rec): Rec => {
    if (op.action === "create") {
      const record = make()
      list.push(record)
      return record
    }
    const record = list.find((r) => r.id === op.target?.id)
    if (!record) throw new Error(`${op.id}: no record ${op.target?.id}`)
    return record
  }

  const applyProvider = (op: Op) => {
    if (op.action === "create" || op.action === "adopt") {
      let id = op.target?.id
      if (op.action === "create") {
        id = newId("provider")
        const siteId = newId("site")
        const name = String(fieldsOf(op.changes).get("name") ?? "")
        to.trainingProviders.push({ id: id as never, name, siteId: siteId as never, active: true })
        to.sites.push({
          id: siteId as never,
          name,
          address: "",
          city: "",
          country: "",
          trainingProviderId: id as never,
        })
      }
      // Every request for that name is carried out by this one provider (as the reconciler resolves them).
      const created = store.providerRequests.find((r) => `request:${r.id}` === op.key)
      const sameName = store.providerRequests.filter(
        (r) => r.kind === "create" && created?.kind === "create" && naturalKey(r.name) === naturalKey(created.name),
      )
      for (const request of sameName.length > 0 ? sameName : created ? [created] : []) {
        providerByRequest.set(`request:${request.id}`, id as string)
        store.providerRequests = store.providerRequests.filter((r) => r.id !== request.id)
        for (const trainer of store.trainers) {
          if (trainer.trainingProviderRequestId === request.id) {
            trainer.trainingProviderRequestId = null
            trainer.trainingProviderId = id as never
          }
        }
      }
      return
    }
    const provider = to.trainingProviders.find((p) => p.id === op.target?.id)
    if (provider) provider.active = fieldsOf(op.changes).get("active") === true
    store.providerRequests = store.providerRequests.filter((r) => r.kind !== "setActive" || r.providerId !== op.key)
  }

  for (const op of planned.ops) {
    const approved = op.status === "ready" || (op.status === "held" && options.approveHeld === true)
    if (!approved || !op.dependsOn.every((id) => done.has(id))) continue
    if (op.entity === "session") applySession(op)
    else if (op.entity === "event") applyEvent(op)
    else if (op.entity === "trainingProvider") applyProvider(op)
    else applySimple(op)
    done.add(op.id)
  }
  return { docebo, to, store } as unknown as World
}
