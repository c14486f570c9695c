import type { DoceboSnapshot } from "../model/Docebo.ts"
import type { ToRoom, ToSnapshot } from "../model/Training.ts"
import type { Value } from "../Plan.ts"
import type { Resolve } from "../RuleTypes.ts"
import type { FlowResult } from "./Flow.ts"
import { unresolved } from "./Refs.ts"

/**
 * Id translation tables, filled flow by flow in dependency order (a flow only resolves through flows already run):
 * webinar accounts and courses first, then locations, classrooms and trainers, then sessions.
 */
export class ResolveState implements Resolve {
  private readonly rooms = new Map<string, ToRoom>()
  private readonly tools = new Map<string, Value>()
  private readonly stampedTrainers = new Map<string, string>()
  private readonly stampedRooms = new Map<string, string>()
  courses: FlowResult | undefined
  accounts: FlowResult | undefined
  locations: FlowResult | undefined
  classrooms: FlowResult | undefined
  trainers: FlowResult | undefined

  constructor(docebo: DoceboSnapshot, to: ToSnapshot) {
    for (const room of to.rooms) {
      this.rooms.set(room.id, room)
      if (room.externalRef !== null) this.stampedRooms.set(room.id, room.externalRef)
    }
    for (const account of docebo.webinarAccounts) this.tools.set(account.id, account.tool)
    for (const trainer of to.trainers) {
      if (trainer.externalRef !== null) this.stampedTrainers.set(trainer.id, trainer.externalRef)
    }
  }

  readonly courseOfToCourse = (toCourseId: string) =>
    this.courses?.pairs.masterOf.get(toCourseId) ?? unresolved("course", toCourseId)

  readonly userOfTrainer = (toTrainerId: string) =>
    this.trainers?.pairs.masterOf.get(toTrainerId) ??
    this.stampedTrainers.get(toTrainerId) ??
    unresolved("trainer", toTrainerId)

  private readonly userLists = new Map<string, ReadonlyArray<string>>()
  readonly usersOfTrainer = (toTrainerId: string) => {
    let users = this.userLists.get(toTrainerId)
    if (users === undefined) {
      users = [this.userOfTrainer(toTrainerId)]
      this.userLists.set(toTrainerId, users)
    }
    return users
  }

  readonly accountOfRoom = (toRoomId: string) =>
    this.accounts?.pairs.masterOf.get(toRoomId) ?? this.stampedRooms.get(toRoomId) ?? unresolved("room", toRoomId)

  readonly toolOfAccount = (accountId: string) => this.tools.get(accountId) ?? null

  readonly locationOfRoom = (toRoomId: string) => this.rooms.get(toRoomId)?.locationId ?? null

  readonly isPhysicalRoom = (toRoomId: string) => this.rooms.get(toRoomId)?.kind !== "virtual"

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
