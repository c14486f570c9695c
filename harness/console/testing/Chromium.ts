/**
 * Debian's Chromium driven by playwright-core (no browser is downloaded), for the browser suites and the
 * screenshots: launching it, signing in to the console, and scanning a page with axe-core.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import type { AxeResults, Result } from "axe-core"
import { type Browser, chromium, type Page } from "playwright-core"
import type { ConsoleTrial } from "../Trial.ts"

export const chromiumPath = "/usr/bin/chromium"

export const hasChromium = () => existsSync(chromiumPath)

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export const launchChromium = (): Promise<Browser> => {
  if (!hasChromium()) {
    throw new Error(`there is no Chromium at ${chromiumPath}: install Debian's (apt-get install chromium); CI does`)
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

/** The size every page is opened at, and the screenshots are taken at. */
export const viewport = { width: 1280, height: 800 } as const

/** Signs in on the sign-in form with `token` (the trial's own by default) and waits for the page it leads to. */
export const signIn = async (page: Page, trial: ConsoleTrial, token: string = trial.token) => {
  if (!new URL(page.url(), trial.url).pathname.startsWith("/console/sign-in")) await page.goto(`${trial.url}/sign-in`)
  await page.getByLabel("Operator token").fill(token)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.waitForURL((url) => !url.pathname.startsWith("/console/sign-in"))
}

const axeSource = async () => readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

export type Violation = Pick<Result, "id" | "impact" | "help" | "helpUrl"> & { readonly targets: string[] }

/**
 * axe-core's serious and critical violations on the page as it is. The page's context must bypass the console's
 * Content-Security-Policy, which allows no inline script, for axe-core's source to be injected.
 */
export const axeScan = async (page: Page): Promise<ReadonlyArray<Violation>> => {
  await page.addScriptTag({ content: await axeSource() })
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe.run({
      resultTypes: ["violations"],
    }),
  )
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      targets: nodes.map((node) => node.target.join(" ")),
    }))
}

/** Violations as lines to read in a failure message. */
export const violationText = (violations: ReadonlyArray<Violation>) =>
  violations
    .map(
      (violation) => `${violation.impact} ${violation.id}: ${violation.help}\n    at ${violation.targets.join(", ")}`,
    )
    .join("\n")
