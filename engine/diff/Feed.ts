import type { EntityRule, PlanInput, Resolve } from "../RuleTypes.ts"
import type { FlowInput } from "./Flow.ts"
import type { PendingRefs } from "./Refs.ts"

/** What every flow is given besides its rule's own planning. */
export interface FlowContext {
  readonly resolve: Resolve
  readonly pending: PendingRefs
  readonly collectFingerprints: boolean
}

/** A flow's input as its rule's planning describes it: its listings, completeness, eligibility, labels and course. */
export const flowInputOf = <M, R>(rule: EntityRule<M, R>, input: PlanInput, context: FlowContext): FlowInput<M, R> => {
  const { planning } = rule
  const complete = planning.complete(input)
  const courseOfMaster = planning.courseOfMaster
  return {
    ...context,
    rule,
    masters: planning.masters?.(input) ?? [],
    replicas: planning.replicas(input),
    masterComplete: complete.master,
    replicaComplete: complete.replica,
    links: input.store.links[rule.entity],
    label: planning.label,
    ...(planning.eligible === undefined ? {} : { decide: planning.eligible(input) }),
    ...(courseOfMaster === undefined ? {} : { courseOfMaster: (record: M) => courseOfMaster(record, context.resolve) }),
    ...(planning.courseOfReplica === undefined ? {} : { courseOfReplica: planning.courseOfReplica }),
  }
}
