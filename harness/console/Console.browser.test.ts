/**
 * The console as an operator sees it, in Chromium: one trial (both simulators with acme, the service over real
 * HTTP) for the whole file, a fresh browser context per test. Tests share the trial, so each one makes what it
 * needs and reads only what it made, or what any trial has after a synchronization (`synchronized()`).
 */
import { readFile } from "node:fs/promises"
import type { Cookie, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DOCEBO_TEST_CREDENTIALS } from "../../simulators/docebo/index.ts"
import { TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorControl } from "../Simulators.ts"
import { type ConsoleTrial, startConsoleTrial } from "./Trial.ts"
import { axeScan, describeInBrowser, type PageOptions, signIn, useBrowser, violationText } from "./testing/Browser.ts"

const trialTimeoutMs = 90_000

describeInBrowser("the operator console in Chromium", () => {
  const browser = useBrowser()
  let trial: ConsoleTrial

  beforeAll(async () => {
    trial = await startConsoleTrial()
  }, trialTimeoutMs)
  afterAll(async () => {
    await trial?.close()
  }, trialTimeoutMs)

  const at = (path: string) => `${trial.url}${path}`
  const pathOf = (page: Page) => new URL(page.url()).pathname

  let session: Promise<ReadonlyArray<Cookie>> | undefined
  /** One operator session for the tests that only need to be signed in; the sign-in tests make their own. */
  const sessionCookies = () => {
    session ??= (async () => {
      const page = await browser.open()
      await signIn(page, trial)
      return page.context().cookies()
    })()
    return session
  }

  /** A page in a fresh context, signed in, at `path`. */
  const signedIn = async (path = "/courses", options: PageOptions = {}) => {
    const page = await browser.open({ ...options, cookies: await sessionCookies() })
    await page.goto(at(path))
    expect(pathOf(page)).toBe(`/console${path.split("?")[0]}`)
    return page
  }

  const openActions = async (page: Page) => {
    await page.locator("header details.menu summary").click()
    await page.getByRole("menu", { name: "Training Orchestra actions" }).waitFor()
  }

  const fieldText = (page: Page, field: string) => page.locator(`[data-field="${field}"]`).textContent()

  /** Synchronize from the ⋯ menu, then the job's page until the job succeeds; its address. */
  const synchronize = async (page: Page) => {
    await openActions(page)
    await page.getByRole("menuitem", { name: "Synchronize" }).click()
    await page.waitForURL(/\/console\/jobs\/[^/]+$/)
    await expect.poll(() => fieldText(page, "status"), { timeout: 60_000, interval: 250 }).toBe("succeeded")
    return page.url()
  }

  let lastSync: Promise<string> | undefined
  /** A trial synchronized once, by the Synchronize test or else here; the job's page. */
  const synchronized = () => {
    lastSync ??= (async () => synchronize(await signedIn()))()
    return lastSync
  }

  describe("signing in and out", () => {
    it("the operator's token signs in, and so does NAME:TOKEN", async () => {
      for (const token of [trial.token, `${trial.operator}:${trial.token}`]) {
        const page = await browser.open()
        await page.goto(at("/sign-in"))
        await signIn(page, trial, token)
        expect(pathOf(page)).toBe("/console/courses")
        await expect.poll(() => page.locator("header .operator").textContent()).toBe(`Signed in as ${trial.operator}`)
      }
    })

    it("a wrong token is refused with an error on the sign-in page", async () => {
      const page = await browser.open()
      await page.goto(at("/sign-in"))
      await page.getByLabel("Operator token").fill(`${trial.token}x`)
      await page.getByRole("button", { name: "Sign in" }).click()
      await expect.poll(() => page.getByRole("alert").textContent()).toBe("That token is not valid.")
      expect(pathOf(page)).toBe("/console/sign-in")
      expect(await page.getByLabel("Operator token").getAttribute("aria-invalid")).toBe("true")
    })

    it("every page asks for sign-in first, then opens", async () => {
      const page = await browser.open()
      for (const path of ["/courses", "/training-providers", "/trainers", "/credentials", "/event-logs"]) {
        await page.goto(at(path))
        expect(pathOf(page)).toBe("/console/sign-in")
        expect(new URL(page.url()).searchParams.get("next")).toBe(`/console${path}`)
      }
      await signIn(page, trial)
      expect(pathOf(page)).toBe("/console/event-logs")
    })

    it("Sign out ends the session: the page before it and the old cookie lead to sign-in", async () => {
      // A session of its own: the one the other tests share must outlive this test.
      const page = await browser.open()
      await page.goto(at("/credentials"))
      await signIn(page, trial)
      const [session] = await page.context().cookies()
      await page.getByRole("button", { name: "Sign out" }).click()
      await page.waitForURL(/\/console\/sign-in/)
      expect(await page.getByRole("status").textContent()).toBe("You are signed out.")

      await page.goBack()
      expect(pathOf(page)).toBe("/console/sign-in")
      expect(await page.getByRole("heading", { name: "Credentials" }).count()).toBe(0)

      if (session === undefined) throw new Error("signing in set no cookie")
      await page.context().addCookies([session])
      await page.goto(at("/credentials"))
      expect(pathOf(page)).toBe("/console/sign-in")
    })
  })

  describe("pages the console does not have", () => {
    it("answer with the console's own Not found page, which leads back", async () => {
      const page = await signedIn()
      const answer = await page.goto(at("/no-such-page"))
      expect(answer?.status()).toBe(404)
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Not found")
      await page.getByRole("link", { name: "Back to the console" }).click()
      await page.waitForURL((url) => url.pathname === "/console/courses")
    })
  })

  describe("Synchronize and the Courses tab", () => {
    it("Synchronize from the ⋯ menu shows the job's progress live until it is done", async () => {
      const page = await signedIn()
      await openActions(page)
      const polls: string[] = []
      page.on("request", (request) => {
        if (request.url().endsWith("/progress.json")) polls.push(request.url())
      })
      await page.getByRole("menuitem", { name: "Synchronize" }).click()
      await page.waitForURL(/\/console\/jobs\/[^/]+$/)
      expect(await page.locator("[data-progress]").count(), "the job had ended before its page was served").toBe(1)
      // A mark on the window survives only if the page is never reloaded.
      await page.evaluate(() => {
        ;(globalThis as { stillTheSamePage?: boolean }).stillTheSamePage = true
      })

      await expect.poll(() => fieldText(page, "status"), { timeout: 60_000, interval: 250 }).toBe("succeeded")
      expect(await fieldText(page, "phase")).toBe("Done")
      expect(await fieldText(page, "result")).toMatch(/^Finished: \d+ changes applied/)
      expect(await page.evaluate(() => (globalThis as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true)
      expect(polls.length).toBeGreaterThan(0)
      lastSync = Promise.resolve(page.url())
    })

    it("the Courses tab shows synchronized courses, and a course without a code shows its error", async () => {
      await synchronized()
      const page = await signedIn("/event-logs")
      await page.getByRole("tab", { name: "Courses" }).click()
      await page.waitForURL((url) => url.pathname === "/console/courses")
      const statuses = await page.locator("tbody tr td:nth-child(4) .status").allInnerTexts()
      expect(statuses).toContain("Synchronized")

      await page.getByLabel("Synchronize status").selectOption({ label: "Error" })
      await page.getByRole("button", { name: "Filter" }).click()
      await page.waitForURL(/status=error/)
      const uncoded = page.locator("tbody tr", { has: page.locator("td:first-child em", { hasText: "no code" }) })
      expect(await uncoded.count()).toBeGreaterThan(0)
      expect(await uncoded.first().locator("td:nth-child(4) .status").textContent()).toBe("Error")
      expect(await uncoded.first().locator("td:nth-child(4) .error-text").textContent()).toMatch(
        /course code is missing/,
      )
    })

    it("search by code or by name, and the status filter, narrow the table", async () => {
      await synchronized()
      const page = await signedIn()
      const countLine = async () => (await page.locator(".pager span").textContent()) ?? ""
      const totalOf = async () => Number(/· (\d+) courses$/.exec(await countLine())?.[1])
      const all = await totalOf()
      const codes = (await page.locator("tbody tr td:first-child").allInnerTexts()).filter((code) => code !== "no code")
      const names = await page.locator("tbody tr td:nth-child(2)").allInnerTexts()
      const code = codes[0] ?? ""
      const name = names.find((candidate) => candidate.length > 8) ?? ""

      const search = async (text: string) => {
        await page.getByLabel("Search by code or name").fill(text)
        await page.getByRole("button", { name: "Filter" }).click()
        await page.waitForURL((url) => url.searchParams.get("q") === text)
      }
      await search(code)
      expect(await page.locator("tbody tr td:first-child").allInnerTexts()).toEqual([code])
      await search(name)
      const named = await page.locator("tbody tr td:nth-child(2)").allInnerTexts()
      expect(named).toContain(name)
      expect(named.every((shown) => shown.toLowerCase().includes(name.toLowerCase()))).toBe(true)
      expect(await totalOf()).toBeLessThan(all)

      await search("")
      await page.getByLabel("Synchronize status").selectOption({ label: "Synchronized" })
      await page.getByRole("button", { name: "Filter" }).click()
      await page.waitForURL(/status=synced/)
      const synced = await page.locator("tbody tr td:nth-child(4) .status").allInnerTexts()
      expect(synced.length).toBeGreaterThan(0)
      expect(new Set(synced)).toEqual(new Set(["Synchronized"]))
      expect(await totalOf()).toBeLessThan(all)
    })

    it("more than 25 courses are paged, with the count of pages and courses", async () => {
      await synchronized()
      const page = await signedIn()
      const countLine = (await page.locator(".pager span").textContent()) ?? ""
      const total = Number(/· (\d+) courses$/.exec(countLine)?.[1])
      expect(total).toBeGreaterThan(0)
      const pages = Math.ceil(total / 25)
      expect(countLine).toBe(`Page 1 of ${pages} · ${total} courses`)
      if (pages === 1) {
        expect(await page.getByRole("link", { name: "Next page" }).count()).toBe(0)
        return
      }
      const first = await page.locator("tbody tr td:nth-child(2)").allInnerTexts()
      expect(first).toHaveLength(25)
      await page.getByRole("link", { name: "Next page" }).click()
      await page.waitForURL(/page=2/)
      expect(await page.locator(".pager span").textContent()).toBe(`Page 2 of ${pages} · ${total} courses`)
      expect(await page.getByRole("link", { name: "Previous page" }).count()).toBe(1)
      const second = await page.locator("tbody tr td:nth-child(2)").allInnerTexts()
      expect(second.filter((name) => first.includes(name))).toEqual([])
    })
  })

  describe("Training Providers", () => {
    const offersDelete = async (page: Page) => {
      let offers = 0
      for (const role of ["button", "link", "menuitem", "switch", "option"] as const) {
        offers += await page.getByRole(role, { name: /delete/i }).count()
      }
      return offers
    }

    it("New Training Provider adds one; its switch deactivates it on both systems; nothing offers Delete", async () => {
      const name = "Northwind Learning Partners"
      const page = await signedIn("/training-providers")
      await page.locator("main details.plus summary").click()
      expect(await offersDelete(page)).toBe(0)
      await page.getByRole("menuitem", { name: "New Training Provider" }).click()
      await page.getByLabel("Training provider name").fill(name)
      await page.getByRole("button", { name: "Confirm" }).click()
      await page.waitForURL((url) => url.pathname === "/console/training-providers")
      expect(await page.getByRole("status").textContent()).toContain(name)
      const row = page.locator("tbody tr", { has: page.getByRole("cell", { name, exact: true }) })
      expect(await row.count()).toBe(1)

      await row.getByRole("switch", { name: `Status of ${name}: active` }).click()
      expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe(`Deactivate ${name}?`)
      const consequence = await page.locator("main form.panel p").textContent()
      expect(consequence).toContain("Training Orchestra")
      expect(consequence).toContain("Docebo")
      expect(await offersDelete(page)).toBe(0)
      await page.getByRole("button", { name: "Deactivate" }).click()
      await page.waitForURL((url) => url.pathname === "/console/training-providers")
      const inactive = row.getByRole("switch", { name: `Status of ${name}: inactive` })
      expect(await inactive.textContent()).toBe("Inactive")
      expect(await inactive.getAttribute("aria-checked")).toBe("false")
      expect(await offersDelete(page)).toBe(0)
    })
  })

  describe("Trainers", () => {
    const chosen = ["Rachel Adams", "Noah Williams"]

    it("New Trainers: a provider, two users found by search and Select All, their fields prefilled, Confirm", async () => {
      await synchronized()
      const page = await signedIn("/trainers")
      await page.locator("main details.plus summary").click()
      await page.getByRole("menuitem", { name: "New Trainers" }).click()
      await page.getByRole("group", { name: "Training provider of the new trainers" }).waitFor()
      await page.getByRole("button", { name: "Next" }).click()
      await page.getByLabel("Search users by name, username or e-mail").fill("ams")
      await page.getByLabel("Search users by name, username or e-mail").press("Enter")
      await expect.poll(() => page.getByRole("status").first().textContent()).toContain('2 users match "ams"')
      await page.getByRole("button", { name: "Select All", exact: true }).click()
      for (const name of chosen) expect(await page.getByLabel(`Select ${name}`).isChecked()).toBe(true)
      await page.getByRole("button", { name: "Unselect All" }).click()
      for (const name of chosen) expect(await page.getByLabel(`Select ${name}`).isChecked()).toBe(false)
      await page.getByRole("button", { name: "Select All", exact: true }).click()
      await page.getByRole("button", { name: "Next", exact: true }).click()
      await page.getByRole("heading", { name: "Training Orchestra Additional Fields" }).waitFor()
      const emails = await page
        .locator('input[type="email"]')
        .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))
      expect(emails.sort()).toEqual(["noah.williams@acme-corp.example", "rachel.adams@acme-corp.example"])
      await page.getByRole("button", { name: "Confirm" }).click()
      await page.waitForURL((url) => url.pathname === "/console/trainers")
      expect(await page.getByRole("status").textContent()).toContain("2 trainer(s) added")
      for (const name of chosen) expect(await page.getByRole("cell", { name, exact: true }).count()).toBe(1)
    })

    it("Choose Action: Assign Training Provider, then Remove with the seed's warning, over the checked trainers", async () => {
      const page = await signedIn("/trainers")
      const rowOf = (name: string) => page.locator("tbody tr", { has: page.getByRole("cell", { name, exact: true }) })
      if ((await rowOf(chosen[0] as string).count()) === 0) throw new Error("the wizard's trainers are not listed")
      for (const name of chosen) await page.getByLabel(`Select ${name}`).check()
      await page.getByLabel("Choose Action").selectOption({ label: "Assign Training Provider" })
      await page.getByRole("button", { name: "Apply to selected" }).click()
      const providers = page.getByLabel("Training Provider")
      const options = await providers.locator("option").allTextContents()
      const target = options.at(-1) as string
      await providers.selectOption({ label: target })
      await page.getByRole("button", { name: "Assign Training Provider" }).click()
      await page.waitForURL((url) => url.pathname === "/console/trainers")
      expect(await page.getByRole("status").textContent()).toContain("Assigned 2 trainer(s)")
      for (const name of chosen) expect(await rowOf(name).locator("td").nth(4).textContent()).toBe(target)

      for (const name of chosen) await page.getByLabel(`Select ${name}`).check()
      await page.getByLabel("Choose Action").selectOption({ label: "Remove" })
      await page.getByRole("button", { name: "Apply to selected" }).click()
      const warning = await page.getByRole("alert").textContent()
      expect(warning).toContain("each instructor becomes a learner in Docebo")
      expect(warning).toContain("No user is deleted from the platform")
      expect(warning).toContain("reconfigured with another trainer")
      await page.getByRole("button", { name: "Remove" }).click()
      await page.waitForURL((url) => url.pathname === "/console/trainers")
      expect(await page.getByRole("status").textContent()).toContain("Removed 2 trainer(s)")
      for (const name of chosen) expect(await rowOf(name).locator("td").nth(5).textContent()).toBe("Removed")
    })
  })

  describe("Review Plan", () => {
    it("shows the held cancellation with its reason; Approve applies it, and the next plan holds nothing", async () => {
      await synchronized()
      const page = await signedIn("/courses")
      await openActions(page)
      await page.getByRole("menuitem", { name: "Review Plan" }).click()
      await page.waitForURL((url) => url.pathname === "/console/plan")
      await page.getByRole("caption").filter({ hasText: "Summary" }).waitFor()
      // Acme's autumn sessions are over: the plan says where its horizon lies and leaves them alone.
      const horizon = await page.getByText(/^Sync horizon /).textContent()
      expect(horizon).toMatch(
        /^Sync horizon \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: 3 sessions that ended before it are history/,
      )
      const held = page.getByRole("heading", { name: /Held for your approval/ })
      expect(await held.textContent()).toBe("Held for your approval (1)")
      const row = page.locator("tr", { has: page.getByRole("cell", { name: "ses_hse110_lyo_0318" }) })
      expect(await row.locator("td").nth(2).textContent()).toMatch(/enrol/)
      await row.getByRole("button", { name: /^Approve/ }).click()
      await page.waitForURL((url) => url.pathname === "/console/plan")
      expect(await page.getByRole("status").first().textContent()).toBe("Approved and applied.")
      expect(await page.getByRole("heading", { name: /Held for your approval/ }).count()).toBe(0)
      await page.goto(at("/event-logs?sort=action"))
      expect(await page.getByRole("cell", { name: "plan.approve", exact: true }).count()).toBeGreaterThan(0)
    })
  })

  describe("Credentials", () => {
    const secrets = () => [
      DOCEBO_TEST_CREDENTIALS.clientSecret,
      DOCEBO_TEST_CREDENTIALS.password,
      TO_TEST_CREDENTIALS.clientSecret,
      trial.token,
    ]
    const group = (page: Page, system: "Docebo" | "Training Orchestra") =>
      page.getByRole("group", { name: new RegExp(`^${system}\\b`) })
    /** Save Changes, and the page it leads to; `timeout` for a check that retries a system before giving up. */
    const save = async (page: Page, timeout?: number) => {
      await page.getByRole("button", { name: "Save Changes" }).click(timeout ? { timeout } : {})
      await page.waitForLoadState()
    }

    it("the page holds no secret, nor the operator's token", async () => {
      const page = await signedIn("/credentials")
      const html = await page.content()
      for (const secret of secrets()) expect(html).not.toContain(secret)
      expect(await page.getByLabel("Client Secret").first().inputValue()).toBe("")
    })

    it("a Docebo that says its domain is an extended-enterprise sub-domain is refused beside the Docebo URL", async () => {
      const page = await signedIn("/credentials")
      // The strict profile has no domain endpoint; switched on, it answers for the sub-domain the URL leads to.
      await simulatorControl(trial.docebo.app, "/__sim/config", {
        endpoints: { domain: true },
        domain: "partners.acme.docebosaas.com",
        isMainDomain: false,
      })
      try {
        await save(page)
      } finally {
        await simulatorControl(trial.docebo.app, "/__sim/config", {
          endpoints: { domain: false },
          domain: "acme.docebosaas.com",
          isMainDomain: true,
        })
      }
      const docebo = group(page, "Docebo")
      expect(await docebo.getByLabel("Docebo URL (main domain)").getAttribute("aria-invalid")).toBe("true")
      expect(await docebo.locator(".error-text").textContent()).toMatch(/sub-domain/)
      expect(await group(page, "Training Orchestra").locator(".error-text").count()).toBe(0)
      expect(await page.getByRole("alert").textContent()).toMatch(/sub-domain/)
      for (const secret of secrets()) expect(await page.content()).not.toContain(secret)
    })

    it("a Docebo URL that nothing answers is refused, naming Docebo", async () => {
      const page = await signedIn("/credentials")
      await group(page, "Docebo").getByLabel("Docebo URL (main domain)").fill("http://127.0.0.1:9")
      // The check retries a connection refused with back-off, as every call to Docebo does (about 16 s in all).
      await save(page, 60_000)
      expect(await page.getByRole("alert").textContent()).toMatch(/^Docebo could not be reached/)
      expect(await group(page, "Docebo").locator(".error-text").textContent()).toBe("Docebo could not be reached")
      expect(await group(page, "Docebo").getByLabel("Docebo URL (main domain)").inputValue()).toBe("http://127.0.0.1:9")
    })

    it("Save Changes with the secrets left empty keeps them, and both systems accept them", async () => {
      const page = await signedIn("/credentials")
      await save(page)
      expect(await page.getByRole("status").textContent()).toBe(
        "Both systems accepted the credentials: they are saved.",
      )
      expect(await group(page, "Docebo").locator("legend").textContent()).toContain("saved here")
      const html = await page.content()
      for (const secret of secrets()) expect(html).not.toContain(secret)
    })
  })

  describe("Event Logs", () => {
    const actions = (page: Page) => page.locator("tbody tr td:nth-child(3)").allInnerTexts()

    it("a sign-in is the newest row: its time, the operator, the action and the IP address", async () => {
      const page = await browser.open()
      await page.goto(at("/event-logs"))
      await signIn(page, trial)
      for (const header of ["Last Update", "ID User", "Action", "IP address"]) {
        expect(await page.getByRole("columnheader", { name: header }).count()).toBe(1)
      }
      const signIns = page.locator("tbody tr", { has: page.getByRole("cell", { name: "console.sign-in" }) })
      const [time, user, action, _target, ip] = await signIns.first().locator("td").allInnerTexts()
      expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)
      expect(Math.abs(Date.parse(time?.replace(" UTC", "Z").replace(" ", "T") ?? "") - Date.now())).toBeLessThan(60_000)
      expect(user).toBe(trial.operator)
      expect(action).toBe("console.sign-in")
      expect(ip).toBe("127.0.0.1")
    })

    it("the Action header sorts by action, then the other way", async () => {
      await synchronized()
      const page = await signedIn("/event-logs")
      await page.getByRole("link", { name: "Action" }).click()
      await page.waitForURL(/sort=action/)
      const ascending = await actions(page)
      expect(new Set(ascending).size).toBeGreaterThan(1)
      expect(ascending).toEqual([...ascending].sort())
      expect(await page.getByRole("columnheader", { name: "Action" }).getAttribute("aria-sort")).toBe("ascending")

      await page.getByRole("link", { name: "Action" }).click()
      await page.waitForURL(/order=desc/)
      const descending = await actions(page)
      expect(descending).toEqual([...descending].sort().reverse())
      expect(await page.getByRole("columnheader", { name: "Action" }).getAttribute("aria-sort")).toBe("descending")
    })

    it("a date range with no event says so", async () => {
      const page = await signedIn("/event-logs")
      await page.getByLabel("From").fill("2001-01-01")
      await page.getByLabel("To").fill("2001-01-31")
      await page.getByRole("button", { name: "Filter" }).click()
      await page.waitForURL(/from=2001-01-01/)
      expect(await page.locator("tbody tr").allInnerTexts()).toEqual(["No event in this range."])
    })
  })

  describe("the ⋯ menu", () => {
    it("Download Webinar Account List downloads the accounts as CSV", async () => {
      const page = await signedIn()
      await openActions(page)
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("menuitem", { name: "Download Webinar Account List" }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/\.csv$/)
      const text = await readFile(await download.path(), "utf8")
      const [header, ...rows] = text.split(/\r?\n/)
      expect(header).toBe("id,tool,name,email,supported")
      expect(rows.filter((row) => row !== "").length).toBeGreaterThan(0)
    })

    it("Access Your Training Orchestra Platform opens the platform in a new tab", async () => {
      const page = await signedIn()
      await openActions(page)
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.getByRole("menuitem", { name: "Access Your Training Orchestra Platform" }).click(),
      ])
      await popup.waitForURL((url) => url.href.startsWith(trial.toUrl))
      expect(pathOf(page)).toBe("/console/courses")
    })
  })

  describe("forged requests", () => {
    it("a form post without the page's token, or from another origin, is refused and changes nothing", async () => {
      const page = await signedIn("/training-providers")
      const withoutToken = await page.evaluate(async () => {
        const answer = await fetch("/console/training-providers/new", {
          method: "POST",
          body: new URLSearchParams({ name: "Forged" }),
        })
        return answer.status
      })
      expect(withoutToken).toBe(403)

      const csrf = await page.locator('header input[name="_csrf"]').first().inputValue()
      const elsewhere = await page.request.post(at("/training-providers/new"), {
        headers: { origin: "https://elsewhere.example" },
        form: { _csrf: csrf, name: "Forged elsewhere" },
        maxRedirects: 0,
      })
      expect(elsewhere.status()).toBe(403)

      await page.reload()
      expect(await page.locator("tbody").textContent()).not.toContain("Forged")
    })
  })

  describe("keyboard only", () => {
    const focused = (page: Page) => page.locator(":focus")
    const tabUntil = async (page: Page, selector: string) => {
      for (let presses = 0; presses < 15; presses++) {
        await page.keyboard.press("Tab")
        if ((await page.locator(`${selector}:focus`).count()) === 1) return
      }
      throw new Error(`Tab never reached ${selector}`)
    }

    it("Tab reaches the tabs; arrow keys move between them and Enter opens one", async () => {
      const page = await signedIn()
      await tabUntil(page, '[role="tab"]')
      expect(await focused(page).textContent()).toBe("Courses")
      await page.keyboard.press("ArrowRight")
      await page.keyboard.press("ArrowRight")
      expect(await focused(page).textContent()).toBe("Trainers")
      await page.keyboard.press("ArrowLeft")
      expect(await focused(page).textContent()).toBe("Training Providers")
      await page.keyboard.press("Enter")
      await page.waitForURL(/\/console\/training-providers$/)

      await tabUntil(page, '[role="tab"]')
      expect(await focused(page).textContent()).toBe("Training Providers")
      await page.keyboard.press("End")
      expect(await focused(page).textContent()).toBe("Event Logs")
      await page.keyboard.press("ArrowRight")
      expect(await focused(page).textContent()).toBe("Courses")
    })

    it("Enter opens the ⋯ menu on its first item, arrow keys move, Escape closes it", async () => {
      const page = await signedIn()
      await tabUntil(page, "header details.menu summary")
      await page.keyboard.press("Enter")
      await expect.poll(() => focused(page).textContent()).toBe("Synchronize")
      expect(await page.locator("header details.menu summary").getAttribute("aria-expanded")).toBe("true")
      await page.keyboard.press("ArrowDown")
      expect(await focused(page).textContent()).toBe("Download Webinar Account List")
      await page.keyboard.press("ArrowDown")
      expect(await focused(page).textContent()).toBe("Access Your Training Orchestra Platform")
      await page.keyboard.press("ArrowUp")
      expect(await focused(page).textContent()).toBe("Download Webinar Account List")
      await page.keyboard.press("Escape")
      expect(await page.locator("header details.menu[open]").count()).toBe(0)
      expect(await page.locator("header details.menu summary:focus").count()).toBe(1)
    })
  })

  describe("accessibility (axe-core, serious and critical)", () => {
    const expectClean = async (page: Page) => {
      const violations = await axeScan(page)
      expect(violations, violationText(violations)).toEqual([])
    }

    it("the sign-in page, empty and after a wrong token", async () => {
      const page = await browser.open({ bypassCSP: true })
      await page.goto(at("/sign-in"))
      await expectClean(page)
      await page.getByLabel("Operator token").fill("wrong")
      await page.getByRole("button", { name: "Sign in" }).click()
      await page.getByRole("alert").waitFor()
      await expectClean(page)
    })

    it("every tab", async () => {
      await synchronized()
      const page = await signedIn("/courses", { bypassCSP: true })
      const found: string[] = []
      for (const path of [
        "/courses",
        "/training-providers",
        "/trainers",
        "/credentials",
        "/event-logs",
        "/plan",
        "/jobs",
        "/trainers/new",
        "/training-providers/new",
      ]) {
        await page.goto(at(path))
        const violations = await axeScan(page)
        if (violations.length > 0) found.push(`${path}:\n${violationText(violations)}`)
      }
      expect(found, found.join("\n")).toEqual([])
    })

    it("the Courses tab with the ⋯ menu open", async () => {
      const page = await signedIn("/courses", { bypassCSP: true })
      await openActions(page)
      await expectClean(page)
    })

    it("a job's progress page", async () => {
      const job = new URL(await synchronized()).pathname.replace(/^\/console/, "")
      const page = await signedIn(job, { bypassCSP: true })
      await expectClean(page)
    })
  })
})
