/**
 * The console's browser suites: one Chromium per test file, a fresh context (cookies, storage) per page a test
 * opens, all closed after the test. Without Chromium a suite is skipped on a workstation, and fails in CI, which
 * installs it.
 */
import type { Browser, BrowserContext, Cookie, Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect } from "vitest"
import { chromiumPath, hasChromium, launchChromium, viewport } from "./Chromium.ts"

export { axeScan, signIn, type Violation, violationText } from "./Chromium.ts"

/**
 * `describe` with room for a browser's pace, or a skip that says why when Chromium is missing outside CI; in CI the
 * suite runs and fails.
 */
export const describeInBrowser = (name: string, suite: () => void) => {
  if (!hasChromium() && !process.env.CI) {
    process.stderr.write(`${name}: skipped, there is no Chromium at ${chromiumPath} (apt-get install chromium)\n`)
    return describe.skip(name, suite)
  }
  return describe(name, { timeout: 90_000 }, suite)
}

/** A step that waits longer than this fails on its own, with what it was waiting for, well within the test's time. */
const stepTimeoutMs = 15_000

export interface PageOptions {
  /**
   * Lets the test inject a script into the page, as axe-core needs: the console's Content-Security-Policy allows no
   * inline script. Only for scans; every other page runs under the policy an operator's browser enforces.
   */
  readonly bypassCSP?: boolean
  /** A session to start with, from another context's `cookies()`: signing in once serves many tests. */
  readonly cookies?: ReadonlyArray<Cookie>
}

/**
 * Registers the hooks: Chromium launched before the file's tests and closed after them; `open()` gives a page in a
 * context of its own, closed after the test. A page error or a Content-Security-Policy violation fails the test.
 */
export const useBrowser = () => {
  let browser: Browser | undefined
  let contexts: BrowserContext[] = []
  let problems: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    const open = contexts
    const seen = problems
    contexts = []
    problems = []
    await Promise.all(open.map((context) => context.close()))
    expect(seen, "the pages reported errors").toEqual([])
  })

  const open = async (options: PageOptions = {}): Promise<Page> => {
    if (browser === undefined) throw new Error("Chromium did not start")
    const context = await browser.newContext({
      viewport,
      acceptDownloads: true,
      ...(options.bypassCSP ? { bypassCSP: true } : {}),
    })
    contexts.push(context)
    context.setDefaultTimeout(stepTimeoutMs)
    if (options.cookies) await context.addCookies([...options.cookies])
    context.on("page", (page) => {
      page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`))
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
          problems.push(`${page.url()}: ${message.text()}`)
        }
      })
    })
    return context.newPage()
  }

  return { open }
}
