/**
 * What every part of the benchmark hands back, and where it goes: a plain table on standard output, `results.json`
 * (the figures, their inputs and the goals, for scripts) and `RESULTS.md` (the same as tables, for the README). A run
 * of some parts keeps the other parts' last results; a `--quick` run writes to the `.quick` files only.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { availableParallelism, cpus } from "node:os"
import { fileURLToPath } from "node:url"
import type { Goal } from "./Goals.ts"

export interface Table {
  readonly caption: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  /** Too wide for a terminal: written to RESULTS.md only. */
  readonly detail?: boolean
}

export interface PartResult {
  readonly title: string
  /** What was measured and how, one line each. */
  readonly inputs: ReadonlyArray<string>
  readonly tables: ReadonlyArray<Table>
  readonly goals: ReadonlyArray<Goal>
  readonly notes: ReadonlyArray<string>
  /** Raw figures, for scripts. */
  readonly figures: unknown
}

export interface Machine {
  readonly cores: number
  readonly cpu: string
  readonly node: string
  readonly platform: string
}

export interface RecordedPart extends PartResult {
  readonly measuredAt: string
  readonly command: string
  readonly seconds: number
  readonly machine: Machine
}

export interface Results {
  /** Every part's goals in one list: `jq '.goals[] | select(.met | not)'` lists what is missed. */
  readonly goals: ReadonlyArray<Goal>
  readonly parts: Readonly<Record<string, RecordedPart>>
}

export const machine = (): Machine => ({
  cores: availableParallelism(),
  cpu: cpus()[0]?.model.trim() ?? "unknown",
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
})

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : String(n)

export const textTable = (table: Table): string => {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((row) => row[i]?.length ?? 0)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ")
  return [table.caption, line(table.header), ...table.rows.map(line)].join("\n")
}

const cell = (text: string) => text.replaceAll("|", "\\|")

const markdownTable = (table: Table): string =>
  [
    `**${table.caption}**`,
    "",
    `| ${table.header.map(cell).join(" | ")} |`,
    `|${table.header.map(() => "---").join("|")}|`,
    ...table.rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n")

export const goalsTable = (goals: ReadonlyArray<Goal>): Table => ({
  caption: "Goals",
  header: ["goal", "value", "target", "met"],
  rows: goals.map((g) => [
    g.goal,
    fmt(g.value, Math.abs(g.value) < 100 ? 3 : 0),
    String(g.target),
    g.met ? "met" : "MISSED",
  ]),
})

export const printPart = (part: PartResult) => {
  console.log(`\n== ${part.title} ==`)
  for (const line of part.inputs) console.log(`  ${line}`)
  for (const table of [...part.tables, goalsTable(part.goals)]) if (!table.detail) console.log(`\n${textTable(table)}`)
  for (const note of part.notes) console.log(`  note: ${note}`)
}

const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url))

const markdownOf = (results: Results, order: ReadonlyArray<string>): string => {
  const missed = results.goals.filter((g) => !g.met)
  const lines = [
    "# iltsync benchmarks",
    "",
    "Produced by `npm run bench` (`harness/bench/`); every figure below was measured in the run named under its part,",
    "on the machine named there. `results.json` holds the same figures for scripts.",
    "",
    `**${results.goals.length - missed.length} of ${results.goals.length} goals met.**` +
      (missed.length > 0 ? ` Missed: ${missed.map((g) => g.goal).join("; ")}.` : ""),
  ]
  for (const key of order) {
    const part = results.parts[key]
    if (part === undefined) continue
    lines.push("", `## ${part.title}`, "")
    lines.push(
      `Measured ${part.measuredAt} with \`${part.command}\` in ${fmt(part.seconds, 0)} s on ${part.machine.cores} cores ` +
        `(${part.machine.cpu}), Node ${part.machine.node}, ${part.machine.platform}.`,
      "",
    )
    for (const input of part.inputs) lines.push(`- ${input}`)
    for (const table of [...part.tables, goalsTable(part.goals)]) lines.push("", markdownTable(table))
    if (part.notes.length > 0) lines.push("", ...part.notes.map((note) => `- ${note}`))
  }
  return `${lines.join("\n")}\n`
}

/** Records the parts just measured beside the earlier results of the others, and writes both files. */
export const writeResults = (
  measured: Readonly<Record<string, RecordedPart>>,
  order: ReadonlyArray<string>,
  quick: boolean,
): { readonly json: string; readonly markdown: string } => {
  const json = here(quick ? "results.quick.json" : "results.json")
  const markdown = here(quick ? "RESULTS.quick.md" : "RESULTS.md")
  const earlier: Results | undefined = existsSync(json)
    ? (JSON.parse(readFileSync(json, "utf8")) as Results)
    : undefined
  const parts = { ...earlier?.parts, ...measured }
  const goals = order.flatMap((key) => (parts[key]?.goals ?? []).map((g) => ({ ...g, goal: `${key}: ${g.goal}` })))
  const results: Results = { goals, parts }
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(markdown, markdownOf(results, order))
  return { json, markdown }
}
