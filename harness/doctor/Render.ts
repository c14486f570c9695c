/** The doctor's report as the CLI prints it: one line per capability, what differs under it, a verdict at the end. */
import type { Difference, Row } from "../../adapters/doctor/Finding.ts"
import type { DoctorReport } from "./Doctor.ts"

/** How wide each column but the last may grow; a longer cell is cut, the last column ("iltsync will do") never. */
const widest = [34, 48, 9, 56] as const

const cut = (cell: string, width: number) => (cell.length > width ? `${cell.slice(0, width - 1)}…` : cell)

/** `schedule.date: missing (2 records)`, `tool: found "zoom_v9"`. */
export const describeDifference = (difference: Difference): string =>
  `${difference.path}: ${difference.found === "missing" ? "missing" : `found ${difference.found}`}${
    difference.records > 1 ? ` (${difference.records} records)` : ""
  }`

const verdict = (report: DoctorReport): string => {
  const blocking = report.capabilities.filter((row) => row.blocking)
  if (blocking.length === 0) return "Every required capability works: iltsync can sync with these tenants."
  const named = blocking.map((row) => `${row.capability} (${row.endpoint}: ${row.status})`).join("; ")
  const waiting = report.capabilities.filter((row) => row.notTriedFor !== null).map((row) => row.capability)
  return [
    `iltsync cannot sync with these tenants yet. Not working: ${named}.`,
    ...(waiting.length === 0 ? [] : [`Not tried until then: ${waiting.join(", ")}.`]),
  ].join("\n")
}

const cellsOf = (row: Row) => [row.capability, row.endpoint, row.status, row.detail, row.willDo]

/** Required capabilities first, then the optional ones (iltsync does without them), each in the order probed. */
export const renderReport = (report: DoctorReport): string => {
  const header = ["capability", "endpoint", "status", "seen", "iltsync will do"]
  const cells = report.capabilities.map(cellsOf)
  const widths = widest.map((most, i) =>
    Math.min(most, Math.max(...[header, ...cells].map((line) => line[i]?.length ?? 0))),
  )
  const line = (row: ReadonlyArray<string>) =>
    row
      .map((cell, i) => {
        const width = widths[i]
        return width === undefined ? cell : cut(cell, width).padEnd(width)
      })
      .join("  ")
      .trimEnd()
  const lines = [line(header)]
  for (const required of [true, false]) {
    lines.push(required ? "required:" : "optional:")
    for (const row of report.capabilities.filter((each) => each.required === required)) {
      lines.push(line(cellsOf(row)))
      for (const difference of row.differences) lines.push(`    ↳ ${describeDifference(difference)}`)
    }
  }
  const { calls } = report
  lines.push(
    "",
    `${calls.total} calls (Docebo ${calls.docebo}, Training Orchestra ${calls.to}; at most ${calls.limit}), reading only.`,
    verdict(report),
  )
  return `${lines.join("\n")}\n`
}
