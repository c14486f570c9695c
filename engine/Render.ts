/**
 * The human view of a plan, like `terraform plan`: the summary first (counts per entity and action, held and
 * blocked ops, warnings), then only the changed fields of each op. Ops that make the same change are shown once
 * with the records they apply to, so a one-field change across a hundred sessions fits on one screen.
 */
import { entityName, systemName } from "./diff/Names.ts"
import { type Action, actions, type Change, type Op, type PlanBody, type SummaryRow, type Value } from "./Plan.ts"

export interface RenderOptions {
  /** ANSI colours, for a terminal; off when the output is piped. */
  readonly color?: boolean
  /** How many records a group lists by key, and how many differing ops it shows in full. */
  readonly examples?: number
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text)
const actionColor: Readonly<Record<Action, number>> = { create: 32, update: 33, adopt: 36, delete: 31, deactivate: 35 }
const actionSign: Readonly<Record<Action, string>> = {
  create: "+",
  update: "~",
  adopt: "=",
  delete: "-",
  deactivate: "!",
}

const show = (value: Value, width = 90): string => {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "null")
  return text.length > width ? `${text.slice(0, width - 1)}…` : text
}

/** `events[slot_12].day` → `events[*].day`: ops changing the same fields of different items group together. */
export const fieldOf = (path: string) => path.replace(/\[[^\]]*\]/g, "[*]")

const changeLine = (change: Change) =>
  change.from === null && change.to !== null
    ? `${change.path}: + ${show(change.to)}`
    : change.to === null && change.from !== null
      ? `${change.path}: - ${show(change.from)}`
      : `${change.path}: ${show(change.from, 40)} → ${show(change.to, 40)}`

export const sameChanges = (a: Op, b: Op) =>
  a.changes.length === b.changes.length &&
  a.changes.every((change, i) => {
    const other = b.changes[i]
    return (
      other !== undefined &&
      fieldOf(change.path) === fieldOf(other.path) &&
      JSON.stringify(change.from) === JSON.stringify(other.from) &&
      JSON.stringify(change.to) === JSON.stringify(other.to)
    )
  })

const listKeys = (ops: ReadonlyArray<Op>, limit: number) => {
  const keys = ops.slice(0, limit).map((op) => op.key)
  return ops.length > limit ? `${keys.join(", ")}, … (+${ops.length - limit})` : keys.join(", ")
}

const summaryTable = (summary: PlanBody["summary"]): string[] => {
  const columns = [...actions, "held", "blocked"] as const
  const rows = Object.entries(summary).map(([entity, row]) => [
    entityName[entity] ?? entity,
    ...columns.map((column) => String((row as SummaryRow)[column])),
  ])
  const header = ["", ...columns]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")}`
  return [line(header), ...rows.map(line)]
}

const totals = (planned: PlanBody) => {
  const count = (pick: (op: Op) => boolean) => planned.ops.filter(pick).length
  const ready = (action: Action) => count((op) => op.status === "ready" && op.action === action)
  return (
    `Plan: ${ready("create")} to create, ${ready("update")} to update, ${ready("adopt")} to adopt, ` +
    `${ready("delete")} to delete, ${ready("deactivate")} to deactivate; ` +
    `${count((op) => op.status === "held")} held, ${count((op) => op.status === "blocked")} blocked.`
  )
}

/** Ops of one entity, action, side, status and set of changed fields, in plan order. */
export const groupOps = (ops: ReadonlyArray<Op>): ReadonlyArray<ReadonlyArray<Op>> => {
  const groups = new Map<string, Op[]>()
  for (const op of ops) {
    const fields = [...new Set(op.changes.map((change) => fieldOf(change.path)))].join(",")
    const key = `${op.entity}|${op.action}|${op.system}|${op.status}|${fields}`
    const group = groups.get(key)
    if (group) group.push(op)
    else groups.set(key, [op])
  }
  return [...groups.values()]
}

/** The sync horizon the plan kept to, in a line; null for a plan made without one. */
export const historyLine = (planned: Pick<PlanBody, "history">): string | null => {
  const history = planned.history
  if (history === undefined) return null
  const count = `${history.sessions} session${history.sessions === 1 ? "" : "s"}`
  return `Sync horizon ${history.before.slice(0, 16).replace("T", " ")} UTC: ${count} that ended before it ${history.sessions === 1 ? "is" : "are"} history, left as ${history.sessions === 1 ? "it is" : "they are"}.`
}

/** Renders a plan for people; the JSON plan document is the exact form. */
export const renderPlan = (planned: PlanBody, options: RenderOptions = {}): string => {
  const color = options.color ?? false
  const examples = options.examples ?? 5
  const history = historyLine(planned)
  if (planned.ops.length === 0 && planned.warnings.length === 0) {
    return `No changes. Docebo and Training Orchestra are in step.\n${history === null ? "" : `${history}\n`}`
  }
  const out: string[] = [planned.ops.length === 0 ? "No changes." : totals(planned)]
  if (history !== null) out.push(history)
  if (planned.ops.length > 0) out.push("", ...summaryTable(planned.summary))
  if (planned.warnings.length > 0) {
    out.push("", `Warnings (${planned.warnings.length}):`)
    for (const warning of planned.warnings) out.push(`  ${paint(color, 33, "!")} ${warning.code}: ${warning.message}`)
  }

  const groups = groupOps(planned.ops)
  if (groups.length > 0) out.push("", "Changes:")
  for (const ops of groups) {
    const first = ops[0] as Op
    const sign = paint(color, actionColor[first.action], actionSign[first.action])
    const status =
      first.status === "ready" ? "" : ` ${paint(color, first.status === "held" ? 33 : 31, `[${first.status}]`)}`
    const what = `${first.action} ${entityName[first.entity] ?? first.entity} in ${systemName[first.system]}`
    if (ops.length === 1) {
      out.push(`  ${sign} ${what} ${first.key}${status}`, `      ${first.reason}`)
      for (const change of first.changes) out.push(`      ${changeLine(change)}`)
      continue
    }
    out.push(`  ${sign} ${what} × ${ops.length}${status}`)
    if (first.status !== "ready") {
      for (const op of ops.slice(0, examples)) out.push(`      ${op.key}: ${op.reason}`)
      if (ops.length > examples) out.push(`      … (+${ops.length - examples} more)`)
    } else if (first.action === "create") {
      // New records are listed, not spelled out: one create is shown in full, a hundred would not fit.
      out.push(`      fields: ${[...new Set(first.changes.map((change) => fieldOf(change.path)))].join(", ")}`)
      out.push(`      records: ${listKeys(ops, examples)}`)
    } else if (ops.every((op) => sameChanges(op, first))) {
      for (const change of first.changes) out.push(`      ${changeLine({ ...change, path: fieldOf(change.path) })}`)
      out.push(`      records: ${listKeys(ops, examples)}`)
    } else {
      for (const op of ops.slice(0, Math.min(examples, 3))) {
        out.push(`      ${op.key}: ${op.changes.map(changeLine).join("; ")}`)
      }
      if (ops.length > 3)
        out.push(`      … and ${ops.length - 3} more changing the same fields (--json lists every one)`)
    }
  }
  return `${out.join("\n")}\n`
}
