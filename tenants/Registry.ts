/** The named tenants: what `sim --scenario NAME`, the demo and the scenarios start from. */
import { acmeElearningCourses, makeAcmeTenant } from "./Acme.ts"
import { type SimulatorSeeds, toSimulatorSeeds } from "./SimulatorSeeds.ts"
import { makeSyntheticTenant } from "./Synthetic.ts"
import { type DomainTenant, makeEmptyTenant } from "./Tenant.ts"

/** The synthetic tenant at a size; its store (the links of its earlier sync) is not part of a domain tenant. */
export const makeSyntheticDomainTenant = (courses: number): DomainTenant => {
  const { docebo, to } = makeSyntheticTenant({ courses })
  return { docebo, to }
}

/** The day the benchmarks' virtual clock starts on (harness/bench/World.ts), which a tenant with a past is built around. */
export const historyToday = "2027-01-04"

/**
 * The synthetic tenant with three years behind it and one ahead (`synthetic-Nk-history`): a tenant moving to iltsync,
 * whose Docebo holds the copies of its past sessions (their attendance recorded there) and none of the schedule ahead.
 */
export const makeSyntheticHistoryTenant = (courses: number): DomainTenant => {
  const { docebo, to } = makeSyntheticTenant({ courses, history: { today: historyToday }, liveCopies: false })
  return { docebo, to }
}

export const tenants: Record<string, () => DomainTenant> = {
  acme: makeAcmeTenant,
  empty: makeEmptyTenant,
  "synthetic-1k": () => makeSyntheticDomainTenant(1_000),
}

/** `synthetic-N` or `synthetic-Nk`: the synthetic tenant at any size, for load runs against the simulators. */
const syntheticName = /^synthetic-(\d+)(k?)(-history)?$/

export const findTenant = (name: string): (() => DomainTenant) | undefined => {
  if (Object.hasOwn(tenants, name)) return tenants[name]
  const match = syntheticName.exec(name)
  if (!match) return undefined
  const courses = Number(match[1]) * (match[2] === "k" ? 1_000 : 1)
  if (courses <= 0) return undefined
  return match[3] ? () => makeSyntheticHistoryTenant(courses) : () => makeSyntheticDomainTenant(courses)
}

/** Records a tenant's Docebo holds beyond the domain model, added when the simulators are seeded. */
const seedExtras: Record<string, Parameters<typeof toSimulatorSeeds>[1]> = {
  acme: { elearningCourses: acmeElearningCourses },
}

/** Both simulators' seeds for a named tenant, or undefined when there is no such tenant. */
export const simulatorSeedsFor = (name: string): SimulatorSeeds | undefined => {
  const make = findTenant(name)
  return make === undefined ? undefined : toSimulatorSeeds(make(), seedExtras[name] ?? {})
}
