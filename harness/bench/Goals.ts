/** A goal as `results.json` records it, so that a script can list what is missed. */
export interface Goal {
  readonly goal: string
  readonly value: number
  readonly target: number
  readonly met: boolean
}

export type Comparison = "<=" | "<" | ">="

const symbols: Record<Comparison, string> = { "<=": "≤", "<": "<", ">=": "≥" }

/** The goal's text ends with its comparison, so that it reads alone: "first sync calls ÷ lower bound ≤ 1.1". */
export const goal = (text: string, value: number, target: number, comparison: Comparison): Goal => ({
  goal: `${text} ${symbols[comparison]} ${target}`,
  value: Number.isFinite(value) ? Number(value.toPrecision(6)) : value,
  target,
  met: comparison === "<=" ? value <= target : comparison === "<" ? value < target : value >= target,
})
