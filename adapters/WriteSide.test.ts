/**
 * Every field a rule maps reaches the wire and comes back: for each writable replica field of every rule (and item
 * rule), a planned change to it yields a write carrying it, the adapter's body builder puts it under the rule's vendor
 * key, the simulator of that system accepts the key, and reading the body back gives the same canonical value. Every
 * master field is read under a key its simulator lists. A field whose write side, vendor key or simulator field is
 * missing fails here, by name, rather than only in the end-to-end suites.
 */
import { Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { DoceboClassroom, DoceboEvent, DoceboLocation, DoceboSession } from "../engine/model/Docebo.ts"
import { ToCourse, ToRoom, ToTrainer } from "../engine/model/Training.ts"
import { type IdMap, type StepWrite, writesOf } from "../engine/OpWrites.ts"
import type { Op, Value } from "../engine/Plan.ts"
import { entityRules, entityRulesFor, sessionRuleFor } from "../engine/Rules.ts"
import type { AnyRule, At, VendorRecord } from "../engine/RuleTypes.ts"
import type { DoceboStamps } from "../engine/Stamps.ts"
import { fromSchema } from "../engine/testing/Arbitraries.ts"
import * as DoceboSim from "../simulators/docebo/Fields.ts"
import * as DoceboSimKeys from "../simulators/docebo/Types.ts"
import * as ToSim from "../simulators/training-orchestra/Fields.ts"
import * as ToSimKeys from "../simulators/training-orchestra/Types.ts"
import * as DoceboMapping from "./docebo/Mapping.ts"
import type { VendorFields } from "./http/VendorRecord.ts"
import * as ToMapping from "./training-orchestra/Mapping.ts"

const numRuns = Math.max(20, Math.round(Number(process.env.ILTSYNC_PROPERTY_RUNS ?? 1000) / 20))

/** How each replica record is written: its domain schema, its adapter's fields and body, its simulator's fields. */
interface Replica {
  readonly schema: Schema.Schema.AnyNoContext
  readonly fields: VendorFields
  readonly body: (fields: object) => Record<string, unknown>
  readonly simulator: ReadonlyArray<string>
}

const replicas: Partial<Record<VendorRecord, Replica>> = {
  "docebo:session": {
    schema: DoceboSession,
    fields: DoceboMapping.SessionFields,
    body: DoceboMapping.sessionBody,
    simulator: Object.keys(DoceboSim.sessionFields),
  },
  "docebo:event": {
    schema: DoceboEvent,
    fields: DoceboMapping.EventFields,
    body: DoceboMapping.eventBody,
    simulator: Object.keys(DoceboSim.eventFields),
  },
  "docebo:location": {
    schema: DoceboLocation,
    fields: DoceboMapping.LocationFields,
    body: DoceboMapping.locationBody,
    simulator: Object.keys(DoceboSim.locationFields),
  },
  "docebo:classroom": {
    schema: DoceboClassroom,
    fields: DoceboMapping.ClassroomFields,
    body: DoceboMapping.classroomBody,
    simulator: Object.keys(DoceboSim.classroomFields),
  },
  "to:course": {
    schema: ToCourse,
    fields: ToMapping.CourseFields,
    body: ToMapping.courseBody,
    simulator: Object.keys(ToSim.courseFields),
  },
  "to:trainer": {
    schema: ToTrainer,
    fields: ToMapping.TrainerFields,
    body: ToMapping.trainerBody,
    simulator: Object.keys(ToSim.trainerFields),
  },
  "to:room": {
    schema: ToRoom,
    fields: ToMapping.RoomFields,
    body: ToMapping.roomBody,
    simulator: Object.keys(ToSim.virtualRoomPatchFields),
  },
}

/** The keys each master record is listed with by its simulator. */
const masterKeys: Partial<Record<VendorRecord, ReadonlyArray<string>>> = {
  "docebo:course": DoceboSimKeys.courseKeys,
  "docebo:webinarAccount": DoceboSimKeys.webinarAccountKeys,
  "to:location": ToSimKeys.locationKeys,
  "to:room": ToSimKeys.roomKeys,
  "to:session": ToSimKeys.sessionKeys,
  "to:slot": ToSimKeys.sequenceKeys,
}

/** One mapped field on the write side: its rule's entity, the replica record, where the field goes, its reference. */
interface Mapped {
  readonly label: string
  readonly entity: Op["entity"]
  readonly system: Op["system"]
  readonly record: VendorRecord
  readonly name: string
  readonly item: boolean
  readonly at: At<unknown>
  readonly ref?: string
  /** Where the tenant keeps its session stamps, for the rule the field is of. */
  readonly stamps: DoceboStamps
}

/** Every rule, and the session rule of a tenant that keeps no stamps (whose session code is TO's). */
const ruleSets: ReadonlyArray<{ readonly rule: AnyRule; readonly stamps: DoceboStamps }> = [
  ...entityRulesFor("code").map((rule) => ({ rule, stamps: "code" as const })),
  { rule: sessionRuleFor("none"), stamps: "none" },
]

const mapped: ReadonlyArray<Mapped> = ruleSets.flatMap(({ rule, stamps }) => [
  ...rule.fields.map((field) => ({
    label: `${rule.entity}.${field.name} → ${rule.records.replica}.${field.replicaAt.key} (stamps: ${stamps})`,
    stamps,
    entity: rule.entity,
    system: rule.replica,
    record: rule.records.replica,
    name: field.name,
    item: false,
    at: field.replicaAt,
    ...(field.ref === undefined ? {} : { ref: field.ref }),
  })),
  ...(rule.items?.fields ?? []).map((field) => ({
    label: `${rule.entity}.${rule.items?.name}.${field.name} → ${rule.items?.records.replica}.${field.replicaAt.key} (stamps: ${stamps})`,
    stamps,
    entity: rule.entity,
    system: rule.replica,
    record: rule.items?.records.replica ?? rule.records.replica,
    name: field.name,
    item: true,
    at: field.replicaAt,
    ...(field.ref === undefined ? {} : { ref: field.ref }),
  })),
])

/** References apply translates into the replica's ids (the rest are already the replica's). */
const translated = new Set(["location", "classroom", "trainingProvider"])

const updateOf = (field: Mapped, to: Value): Op => ({
  id: "op",
  entity: field.entity,
  action: "update",
  system: field.system,
  key: "key",
  changes: [{ path: field.item ? `events[slot_1].${field.name}` : field.name, from: null, to }],
  reason: "a change to one field",
  status: "ready",
  dependsOn: [],
  target: { id: "1", items: { slot_1: "2" } },
})

/** The fields a write sets, whichever record it writes. */
const fieldsOf = (write: StepWrite["write"]): Readonly<Record<string, unknown>> =>
  "fields" in write ? write.fields : {}

const valueAt = (body: Record<string, unknown>, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], body)

describe("every mapped field has a write side", () => {
  const writable = mapped.filter((field) => field.at.writable)

  it("the rules map writable fields of every replica record the adapters write", () => {
    expect(writable.length).toBeGreaterThan(20)
    for (const field of writable) expect(replicas[field.record], field.label).toBeDefined()
  })

  for (const field of writable) {
    it(`${field.label}: a planned change is written, sent under its key, accepted and read back`, () => {
      const replica = replicas[field.record]
      if (replica === undefined) throw new Error(`no write side for ${field.record}`)
      const vendor = replica.fields[field.at.path]
      expect(vendor, `${field.record} has no vendor field for ${field.at.path}`).toBeDefined()
      expect(vendor?.key).toBe(field.at.key)
      expect(replica.simulator, `the simulator does not accept ${field.record}.${field.at.key}`).toContain(
        field.at.key.split(".")[0],
      )

      const records = fromSchema(replica.schema as Schema.Schema<Record<string, unknown>, unknown>)
      fc.assert(
        fc.property(records, (record) => {
          const domain = record[field.at.path]
          const ref = field.ref !== undefined && translated.has(field.ref)
          if (ref && domain === null) return
          // A translated reference plans a TO id; apply finds the replica's id for it through the links.
          const canonical = ref ? "ref_1" : field.at.normalise(domain)
          const ids: IdMap = { doceboOf: () => String(domain), providerOf: () => String(domain) }
          const planned = writesOf(updateOf(field, canonical), ids, { stamps: field.stamps })
          if (!("writes" in planned)) throw new Error(`${field.label}: unresolved ${planned.unresolved}`)
          const write = planned.writes.map((step) => fieldsOf(step.write)).find((fields) => field.at.path in fields)
          expect(write, `${field.label}: no write carries ${field.at.path}`).toBeDefined()
          const written = write?.[field.at.path]
          expect(written).toEqual(ref ? domain : field.at.encode ? field.at.encode(canonical) : canonical)

          const body = replica.body({ [field.at.path]: written })
          const sent = valueAt(body, field.at.key)
          expect(sent, `${field.label}: the body has no ${field.at.key}`).not.toBeUndefined()
          if (vendor === undefined) return
          const readBack = Schema.decodeUnknownSync(vendor.schema)(sent)
          expect(ref ? readBack : field.at.normalise(readBack)).toEqual(ref ? domain : canonical)
        }),
        { numRuns },
      )
    })
  }
})

describe("every mapped field has a read side", () => {
  for (const rule of entityRules) {
    const sides = [
      ...rule.fields.flatMap((f) =>
        f.masterAt ? [{ record: rule.records.master, at: f.masterAt, name: f.name }] : [],
      ),
      ...(rule.items?.fields ?? []).flatMap((f) =>
        f.masterAt ? [{ record: rule.items?.records.master ?? null, at: f.masterAt, name: f.name }] : [],
      ),
    ]
    for (const side of sides) {
      it(`${rule.entity}.${side.name} is listed by ${side.record} as ${side.at.key}`, () => {
        const keys = side.record === null ? undefined : masterKeys[side.record]
        expect(keys, `no listing of ${side.record}`).toBeDefined()
        expect(keys).toContain(side.at.key.split(".")[0])
      })
    }
  }
})
