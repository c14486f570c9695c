import { isPlainObject } from "./Body.ts"
import { InvalidFields } from "./Errors.ts"
import { mulberry32 } from "./Prng.ts"

/** The fault settings of `POST /__sim/faults`; `{}` turns every fault off. */
export interface FaultSettings {
  error429Rate?: number
  error503Rate?: number
  latencyMs?: number
  dropAfterCommitRate?: number
  failPaths?: string[]
  seed?: number
}

export interface FaultDecision {
  readonly latencyMs: number
  readonly fail: 429 | 503 | null
  /** Apply the write, then answer 503: the ambiguous failure a client must survive. */
  readonly dropAfterCommit: boolean
}

const noFault: FaultDecision = { latencyMs: 0, fail: null, dropAfterCommit: false }

/** `*` matches within one path segment, `**` across segments, `?` one character. */
export const globToRegExp = (glob: string): RegExp => {
  const source = glob
    .split(/(\*\*|\*|\?)/)
    .map((part) => {
      if (part === "**") return ".*"
      if (part === "*") return "[^/]*"
      if (part === "?") return "[^/]"
      return part.replace(/[.+^${}()|[\]\\]/g, "\\$&")
    })
    .join("")
  return new RegExp(`^${source}$`)
}

const rate = (value: unknown, field: string): number => {
  if (value === undefined) return 0
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw InvalidFields.of(field, "must be between 0 and 1")
  return value
}

export const parseFaultSettings = (body: unknown): FaultSettings => {
  if (!isPlainObject(body)) throw InvalidFields.of("body", "must be an object")
  const known = ["error429Rate", "error503Rate", "latencyMs", "dropAfterCommitRate", "failPaths", "seed"]
  const unknown = Object.keys(body).find((key) => !known.includes(key))
  if (unknown) throw InvalidFields.of(unknown, "is not a known fault setting")
  const { latencyMs = 0, failPaths = [], seed = 1 } = body
  if (typeof latencyMs !== "number" || !(latencyMs >= 0 && latencyMs <= 60_000)) {
    throw InvalidFields.of("latencyMs", "must be between 0 and 60000")
  }
  if (!Array.isArray(failPaths) || !failPaths.every((path) => typeof path === "string")) {
    throw InvalidFields.of("failPaths", "must be an array of path globs")
  }
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw InvalidFields.of("seed", "must be an integer")
  return {
    error429Rate: rate(body.error429Rate, "error429Rate"),
    error503Rate: rate(body.error503Rate, "error503Rate"),
    dropAfterCommitRate: rate(body.dropAfterCommitRate, "dropAfterCommitRate"),
    latencyMs,
    failPaths,
    seed,
  }
}

/**
 * Decides the fault of each API call. Every call draws the same three numbers from the seeded PRNG, whatever the
 * outcome, so the same seed and the same sequence of calls always give the same faults.
 */
export class FaultInjector {
  private settings: FaultSettings = {}
  private random: () => number = mulberry32(1)
  private failPatterns: RegExp[] = []

  constructor(initial: FaultSettings = {}) {
    this.configure(initial)
  }

  configure(settings: FaultSettings): void {
    this.settings = { ...settings }
    this.random = mulberry32(settings.seed ?? 1)
    this.failPatterns = (settings.failPaths ?? []).map(globToRegExp)
  }

  current(): FaultSettings {
    return { ...this.settings }
  }

  decide(path: string): FaultDecision {
    const { error429Rate = 0, error503Rate = 0, dropAfterCommitRate = 0, latencyMs = 0 } = this.settings
    const active = error429Rate > 0 || error503Rate > 0 || dropAfterCommitRate > 0 || latencyMs > 0
    if (!active && this.failPatterns.length === 0) return noFault
    const draw429 = this.random()
    const draw503 = this.random()
    const drawDrop = this.random()
    const failsByPath = this.failPatterns.some((pattern) => pattern.test(path))
    const fail = failsByPath ? 503 : draw429 < error429Rate ? 429 : draw503 < error503Rate ? 503 : null
    return { latencyMs, fail, dropAfterCommit: fail === null && drawDrop < dropAfterCommitRate }
  }
}
