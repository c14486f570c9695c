/**
 * `npm run console:screenshots`: the console's pages as an operator first sees them, after one Synchronize on the
 * acme trial, saved as 1280×800 PNGs in docs/console/.
 */
import { mkdir } from "node:fs/promises"
import { join, relative } from "node:path"
import type { Page } from "playwright-core"
import { startConsoleTrial } from "./Trial.ts"
import { launchChromium, signIn, viewport } from "./testing/Chromium.ts"

const folder = join(import.meta.dirname, "..", "..", "docs", "console")

const tabs = [
  ["courses", "/courses"],
  ["training-providers", "/training-providers"],
  ["trainers", "/trainers"],
  ["credentials", "/credentials"],
  ["event-logs", "/event-logs"],
] as const

/** Pages of the menu and the wizard. */
const pages = [
  ["review-plan", "/plan"],
  ["new-trainers", "/trainers/new"],
  ["new-trainers-users", "/trainers/new/users?provider=prv_academy"],
  ["jobs", "/jobs"],
] as const

const save = async (page: Page, name: string) => {
  const path = join(folder, `${name}.png`)
  await page.screenshot({ path })
  process.stdout.write(`  ${relative(process.cwd(), path)}\n`)
}

const trial = await startConsoleTrial()
const browser = await launchChromium()
try {
  await mkdir(folder, { recursive: true })
  const page = await (await browser.newContext({ viewport })).newPage()
  await page.goto(`${trial.url}/sign-in`)
  await save(page, "sign-in")
  await signIn(page, trial)

  const openActions = async () => {
    await page.locator("header details.menu summary").click()
    await page.getByRole("menu", { name: "Training Orchestra actions" }).waitFor()
  }
  await openActions()
  await page.getByRole("menuitem", { name: "Synchronize" }).click()
  await page.waitForURL(/\/console\/jobs\/[^/]+$/)
  await page.locator('[data-field="status"]', { hasText: /^(succeeded|failed)$/ }).waitFor({ timeout: 120_000 })
  await save(page, "job-progress")

  for (const [name, path] of tabs) {
    await page.goto(`${trial.url}${path}`)
    await save(page, name)
  }
  // Over the synchronized courses, as an operator sees the menu on a working day.
  await page.goto(`${trial.url}/courses`)
  await openActions()
  await save(page, "menu")
  for (const [name, path] of pages) {
    const answer = await page.goto(`${trial.url}${path}`)
    if (answer?.status() !== 200) throw new Error(`${path} answered ${answer?.status()}`)
    await save(page, name)
  }
} finally {
  await browser.close()
  await trial.close()
}
