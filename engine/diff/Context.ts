import type { DoceboSnapshot } from "../model/Docebo.ts"
import type { LinkedEntity } from "../model/Store.ts"
import type { ToRoom, ToSnapshot } from "../model/Training.ts"
import type { Value } from "../Plan.ts"
import type { AnyRule, Resolve } from "../RuleTypes.ts"
import type { FlowResult } from "./Flow.ts"
import { unresolved } from "./Refs.ts"

/** What resolving reads of the snapshots themselves, indexed once per plan. */
export class Lookups {
  readonly rooms = new Map<string, ToRoom>()
  readonly tools = new Map<string, Value>()
  readonly stampedTrainers = new Map<string, string>()
  readonly stampedRooms = new Map<string, string>()

  constructor(docebo: DoceboSnapshot, to: ToSnapshot) {
    for (const room of to.rooms) {
      this.rooms.set(room.id, room)
      if (room.externalRef !== null) this.stampedRooms.set(room.id, room.externalRef)
    }
    for (const account of docebo.webinarAccounts) this.tools.set(account.id, account.tool)
    // An account missing from a partial listing (or from a tenant without the accounts endpoint) is not known to have
    // no tool: it has the tool of the TO virtual room that mirrors it, so that its events are not written a null one.
    if (!docebo.complete.webinarAccounts)
      for (const room of to.rooms)
        if (room.kind === "virtual" && room.externalRef !== null && !this.tools.has(room.externalRef))
          this.tools.set(room.externalRef, room.webinarTool)
    for (const trainer of to.trainers) {
      if (trainer.externalRef !== null) this.stampedTrainers.set(trainer.id, trainer.externalRef)
    }
  }
}

/**
 * Id translation for one entity's flow, through the flows its rule depends on (`planning.dependsOn`), which the
 * planner runs first. Resolving through an entity the rule does not name is a mistake in the rules table: it throws,
 * so that the order of the flows never decides an answer silently.
 */
/** A flow its rule does not depend on: any use of it is a mistake in the rules table, and says so. */
const undeclared = (rule: AnyRule, entity: LinkedEntity): FlowResult =>
  // The proxy stands for a FlowResult whose every property throws; nothing else can, so its type is asserted.
  new Proxy(
    {},
    {
      get: () => {
        throw new Error(`the ${rule.entity} rule resolves through ${entity} records but does not depend on them`)
      },
    },
  ) as FlowResult

/**
 * Id translation for one entity's flow, through the flows its rule depends on (`planning.dependsOn`), which the
 * planner runs first. Resolving through an entity the rule does not name is a mistake in the rules table: it throws,
 * so that the order of the flows never decides an answer silently. The flows are looked up once, here: these
 * functions run for every reference of every record.
 */
export class ResolveState implements Resolve {
  private readonly userLists = new Map<string, ReadonlyArray<string>>()
  private readonly courses: FlowResult | undefined
  private readonly trainers: FlowResult | undefined
  private readonly accounts: FlowResult | undefined
  private readonly locations: FlowResult | undefined
  private readonly classrooms: FlowResult | undefined

  constructor(
    private readonly lookups: Lookups,
    flows: ReadonlyMap<LinkedEntity, FlowResult>,
    rule: AnyRule,
  ) {
    const seen = new Set(rule.planning.dependsOn)
    const flow = (entity: LinkedEntity) => (seen.has(entity) ? flows.get(entity) : undeclared(rule, entity))
    this.courses = flow("course")
    this.trainers = flow("trainer")
    this.accounts = flow("webinarAccount")
    this.locations = flow("location")
    this.classrooms = flow("classroom")
  }

  readonly courseOfToCourse = (toCourseId: string) =>
    this.courses?.pairs.masterOf.get(toCourseId) ?? unresolved("course", toCourseId)

  readonly userOfTrainer = (toTrainerId: string) =>
    this.trainers?.pairs.masterOf.get(toTrainerId) ??
    this.lookups.stampedTrainers.get(toTrainerId) ??
    unresolved("trainer", toTrainerId)

  readonly usersOfTrainer = (toTrainerId: string) => {
    let users = this.userLists.get(toTrainerId)
    if (users === undefined) {
      users = [this.userOfTrainer(toTrainerId)]
      this.userLists.set(toTrainerId, users)
    }
    return users
  }

  readonly accountOfRoom = (toRoomId: string) =>
    this.accounts?.pairs.masterOf.get(toRoomId) ??
    this.lookups.stampedRooms.get(toRoomId) ??
    unresolved("room", toRoomId)

  readonly toolOfAccount = (accountId: string) => this.lookups.tools.get(accountId) ?? null

  readonly locationOfRoom = (toRoomId: string) => this.lookups.rooms.get(toRoomId)?.locationId ?? null

  readonly isPhysicalRoom = (toRoomId: string) => this.lookups.rooms.get(toRoomId)?.kind !== "virtual"

  readonly locationRef = (toLocationId: string) =>
    this.locations?.pairs.replicaOf.has(toLocationId) || this.locations?.pendingOps.has(toLocationId)
      ? toLocationId
      : unresolved("location", toLocationId)

  readonly classroomRef = (toRoomId: string) =>
    this.classrooms?.pairs.replicaOf.has(toRoomId) || this.classrooms?.pendingOps.has(toRoomId)
      ? toRoomId
      : unresolved("room", toRoomId)

  readonly toLocationOf = (doceboLocationId: string) =>
    this.locations?.pairs.masterOf.get(doceboLocationId) ?? `docebo:${doceboLocationId}`

  readonly toRoomOf = (doceboClassroomId: string) =>
    this.classrooms?.pairs.masterOf.get(doceboClassroomId) ?? `docebo:${doceboClassroomId}`
}
