/**
 * `bench recovery`: what lost answers cost. The same first sync twice, through the real adapters: once clean, once
 * with Docebo losing the answer to a share of its writes after making them (a 503 after the commit, the ambiguous
 * failure). A create whose answer was lost is looked up by its stamp before anything is sent again; the reads the
 * second sync makes beyond the first are those look-ups, counted per lost create next to their lower bound of one
 * read each (the listing that can show the record).
 */

import type { CallCount } from "../../adapters/http/Calls.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import type { DoceboProfile } from "../../simulators/docebo/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { type Goal, goal } from "./Goals.ts"
import { fmt, type PartResult } from "./Report.ts"
import { doceboProfileInput, makeWorld } from "./World.ts"

export interface RecoveryFigures {
  readonly tenant: string
  readonly doceboProfile: DoceboProfile
  readonly lostShare: number
  readonly cleanDoceboReads: number
  readonly faultyDoceboReads: number
  readonly lostCreates: number
  readonly lostUpdates: number
  /** Look-up reads by Docebo route. */
  readonly lookUps: Readonly<Record<string, number>>
  readonly duplicates: number
  readonly readyAfter: number
}

const doceboCalls = (counts: ReadonlyArray<CallCount>, keep: (count: CallCount) => boolean) =>
  counts.filter((count) => count.system === "docebo" && keep(count))

const isRead = (count: CallCount) => count.method === "GET" || count.template.endsWith("/token")

const sum = (counts: ReadonlyArray<CallCount>) => counts.reduce((n, count) => n + count.count, 0)

/**
 * Docebo reads by method and route, whatever they answered: a route is counted once per outcome (Docebo answers a
 * course without sessions with 400), and a look-up is a read beyond the clean sync's on its route.
 */
const readsByRoute = (counts: ReadonlyArray<CallCount>): ReadonlyMap<string, number> => {
  const reads = new Map<string, number>()
  for (const count of doceboCalls(counts, isRead)) {
    const route = `${count.method} ${count.template}`
    reads.set(route, (reads.get(route) ?? 0) + count.count)
  }
  return reads
}

const firstSync = async (tenant: string, lostShare: number, doceboProfile?: DoceboProfile) => {
  const seeds = simulatorSeedsFor(tenant)
  if (seeds === undefined) throw new Error(`no tenant named ${tenant}`)
  const world = await makeWorld({ seeds, limits: "off", ...(doceboProfile ? { doceboProfile } : {}) })
  try {
    if (lostShare > 0) {
      const answer = await world.docebo.app.request("/__sim/faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ dropAfterCommitRate: lostShare, seed: 7 }),
      })
      if (answer.status !== 200) throw new Error(`the simulator refused the faults (${answer.status})`)
    }
    await world.run(world.sync({ kind: "full" }, "background"))
    const counts = await world.run(world.callCounts)
    // Faults off, a second sync finishes whatever a lost answer left undone; then nothing may be left to do.
    await world.docebo.app.request("/__sim/faults", { method: "POST", body: "{}" })
    await world.run(world.sync({ kind: "full" }, "background"))
    const settled = await world.run(world.sync({ kind: "full" }, "background", { runId: "check", dryRun: true }))
    const stamps = world.docebo.state.snapshot().sessions.flatMap((session) => {
      const stamp = stampOfCode(session.code)
      return stamp === null ? [] : [stamp]
    })
    return {
      doceboProfile: world.doceboProfile,
      counts,
      duplicates: stamps.length - new Set(stamps).size,
      readyAfter: settled.planned.ops.filter((op) => op.status === "ready").length,
    }
  } finally {
    await world.dispose()
  }
}

export const measureRecovery = async (
  tenant: string,
  lostShare: number,
  doceboProfile?: DoceboProfile,
): Promise<RecoveryFigures> => {
  const clean = await firstSync(tenant, 0, doceboProfile)
  const faulty = await firstSync(tenant, lostShare, doceboProfile)
  const cleanReads = readsByRoute(clean.counts)
  const lookUps: Record<string, number> = {}
  for (const [route, reads] of readsByRoute(faulty.counts)) {
    const extra = reads - (cleanReads.get(route) ?? 0)
    if (extra > 0) lookUps[route] = extra
  }
  const lost = doceboCalls(faulty.counts, (count) => count.outcome === 503 && !count.template.endsWith("/token"))
  return {
    tenant,
    doceboProfile: faulty.doceboProfile,
    lostShare,
    cleanDoceboReads: sum(doceboCalls(clean.counts, isRead)),
    faultyDoceboReads: sum(doceboCalls(faulty.counts, isRead)),
    lostCreates: sum(lost.filter((count) => count.method === "POST")),
    lostUpdates: sum(lost.filter((count) => count.method !== "POST")),
    lookUps,
    duplicates: faulty.duplicates,
    readyAfter: faulty.readyAfter,
  }
}

export const recoveryPart = (figures: RecoveryFigures): PartResult => {
  const lookUpReads = Object.values(figures.lookUps).reduce((n, count) => n + count, 0)
  const perCreate = figures.lostCreates === 0 ? 0 : lookUpReads / figures.lostCreates
  const goals: ReadonlyArray<Goal> = [
    goal(`${figures.tenant}: look-up reads per lost create`, perCreate, 1, "<="),
    goal(`${figures.tenant}: duplicates after lost answers`, figures.duplicates, 0, "<="),
  ]
  return {
    title: "Lost answers: the cost of looking creates up",
    inputs: [
      `Tenant ${figures.tenant}: its first sync through the real adapters and the service's runner (harness/bench/World.ts), once clean and once with Docebo losing the answer to ${fmt(figures.lostShare * 100)}% of its writes after making them (the simulator's dropAfterCommitRate, seed 7). Look-ups are the Docebo reads the second sync makes beyond the first, by route; a lost update is sent again (it is safe to), a lost create is looked up by its stamp first.`,
      doceboProfileInput(figures.doceboProfile),
    ],
    tables: [
      {
        caption: "Look-ups after lost answers",
        header: [
          "lost creates",
          "lost updates",
          "Docebo reads clean",
          "with losses",
          "look-up reads",
          "per lost create",
        ],
        rows: [
          [
            fmt(figures.lostCreates),
            fmt(figures.lostUpdates),
            fmt(figures.cleanDoceboReads),
            fmt(figures.faultyDoceboReads),
            fmt(lookUpReads),
            fmt(perCreate, 2),
          ],
        ],
      },
      {
        caption: "Look-up reads by route",
        header: ["route", "reads"],
        rows: Object.entries(figures.lookUps).map(([route, count]) => [route, fmt(count)]),
      },
    ],
    goals,
    notes: [
      `A lost session create reads its course's session list (one call), not every session's events as well; a lost event create reads its session's events (one call). After the faults were turned off, one more full sync left ${fmt(figures.readyAfter)} ready ops and ${fmt(figures.duplicates)} duplicate sessions.`,
    ],
    figures,
  }
}
