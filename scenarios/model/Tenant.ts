/**
 * The tenant of the model runs: acme's shape at a size that keeps a history of forty commands under a few seconds.
 * Three ILT courses in step on both sides (two sessions each, some with enrollments; the third course holds an onsite
 * and an online session), twelve trainers of three providers, four locations of four rooms, four webinar accounts,
 * and four Docebo learners the operator can make trainers.
 */

import { type SimulatorSeeds, toSimulatorSeeds } from "../../tenants/SimulatorSeeds.ts"
import { makeSyntheticTenant } from "../../tenants/Synthetic.ts"

export const learners = ["20001", "20002", "20003", "20004"]

export const modelSeeds = (): SimulatorSeeds => {
  const { docebo, to } = makeSyntheticTenant({ courses: 3, sessionsPerCourse: 2, slotsPerSession: 2, seed: 11 })
  const seeds = toSimulatorSeeds({ docebo, to })
  const extra = learners.map((id, i) => ({
    user_id: Number(id),
    username: `learner${i}`,
    first_name: `Learner${i}`,
    last_name: "Jones",
    email: `learner${i}@example.com`,
    is_instructor: 0 as const,
  }))
  return { docebo: { ...seeds.docebo, users: [...(seeds.docebo.users ?? []), ...extra] }, to: seeds.to }
}
