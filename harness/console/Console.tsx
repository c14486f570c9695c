/**
 * The operator console at `/console`: the seed's Training Orchestra page, server-rendered, in the same process and
 * on the same store as the JSON API. Pages act through the same functions as the API's routes, as the signed-in
 * operator, so the event log names them the same way. `/` leads here.
 */
import { Hono } from "hono"
import type { ServiceEnv } from "../service/Auth.ts"
import type { RouteDeps } from "../service/Http.ts"
import { csvAttachment, platformAddress, webinarAccountList } from "../service/routes/Downloads.ts"
import { consoleAsset } from "./Assets.ts"
import { type ConsoleContext, type ConsoleDeps, redirectWith, renderPage } from "./Deps.ts"
import { ConsoleRefusal, consoleGuard, consoleHeaders, noStore } from "./Guard.ts"
import { attempt, shownProblem } from "./Problems.ts"
import { coursesPage } from "./pages/Courses.tsx"
import { credentialsPage, credentialsPost } from "./pages/Credentials.tsx"
import { eventLogsPage } from "./pages/EventLogs.tsx"
import { jobPage, jobProgress, jobsPage, synchronizePost } from "./pages/Jobs.tsx"
import { confirmPost, providerStep, usersPost, usersStep } from "./pages/NewTrainers.tsx"
import { approvePost, planPage } from "./pages/Plan.tsx"
import {
  createProviderPost,
  newProviderPage,
  providerStatusPage,
  providerStatusPost,
  providersPage,
} from "./pages/Providers.tsx"
import { signInPage, signInPost, signOutPost } from "./pages/SignIn.tsx"
import { assignPost, bulkPost, editPage, editPost, removeOnePage, removePost, trainersPage } from "./pages/Trainers.tsx"
import { makeConsoleSessions } from "./Sessions.ts"

export interface ConsoleOptions extends RouteDeps {
  readonly env: NodeJS.ProcessEnv
  /** Where the service reports what went wrong on its side; never a secret. */
  readonly log: (line: string) => void
}

const ErrorPage = (props: { title: string; detail: string }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <title>{`${props.title} · iltsync`}</title>
      <link rel="stylesheet" href="/console/assets/console.css" />
    </head>
    <body>
      <main id="content" class="panel">
        <h1>{props.title}</h1>
        <p role="alert">{props.detail}</p>
        <p>
          <a href="/console/courses">Back to the console</a>
        </p>
      </main>
    </body>
  </html>
)

export const consoleRoutes = (options: ConsoleOptions) => {
  const deps: ConsoleDeps = {
    ...options,
    sessions: makeConsoleSessions(() => options.clock.now()),
  }
  const page = (handler: (deps: ConsoleDeps, c: ConsoleContext) => Promise<Response>) => (c: ConsoleContext) =>
    handler(deps, c)

  const app = new Hono<ServiceEnv>()
  app.use(consoleHeaders)
  app.use(noStore)
  app.use(consoleGuard(deps.settings, deps.sessions))

  app.get("/", (c) => c.redirect("/console/courses", 302))
  app.get("/assets/:name", (c) => consoleAsset(c, c.req.param("name")))
  app.get("/sign-in", page(signInPage))
  app.post("/sign-in", page(signInPost))
  app.post("/sign-out", page(signOutPost))

  app.get("/courses", page(coursesPage))
  app.get("/training-providers", page(providersPage))
  app.get(
    "/training-providers/new",
    page((deps, c) => newProviderPage(deps, c)),
  )
  app.post("/training-providers/new", page(createProviderPost))
  app.get("/training-providers/:id/status", page(providerStatusPage))
  app.post("/training-providers/:id/status", page(providerStatusPost))
  app.get("/trainers", page(trainersPage))
  app.post("/trainers/bulk", page(bulkPost))
  app.post("/trainers/remove", page(removePost))
  app.post("/trainers/assign", page(assignPost))
  app.get(
    "/trainers/new",
    page((deps, c) => providerStep(deps, c)),
  )
  app.get("/trainers/new/users", page(usersStep))
  app.post("/trainers/new/users", page(usersPost))
  app.post("/trainers/new/confirm", page(confirmPost))
  app.get(
    "/trainers/:userId/edit",
    page((deps, c) => editPage(deps, c)),
  )
  app.post("/trainers/:userId/edit", page(editPost))
  app.get("/trainers/:userId/remove", page(removeOnePage))
  app.get(
    "/credentials",
    page((deps, c) => credentialsPage(deps, c)),
  )
  app.post("/credentials", page(credentialsPost))
  app.get("/event-logs", page(eventLogsPage))

  app.post("/synchronize", page(synchronizePost))
  app.get("/plan", page(planPage))
  app.post("/plan/held/:opId/approve", page(approvePost))
  app.get("/jobs", page(jobsPage))
  app.get("/jobs/:id", page(jobPage))
  app.get("/jobs/:id/progress.json", page(jobProgress))
  app.get(
    "/webinar-accounts.csv",
    page(async (deps, c) => {
      const result = await attempt(() => deps.run(webinarAccountList(c, deps)))
      if (result.ok) return c.body(result.value, 200, csvAttachment)
      return redirectWith(deps, c, "/console/courses", {
        kind: "error",
        text: `The webinar account list could not be downloaded: ${result.problem.detail}`,
      })
    }),
  )
  app.get(
    "/access",
    page(async (deps, c) => {
      const result = await attempt(() => deps.run(platformAddress(c, deps)))
      if (result.ok) return c.redirect(result.value, 302)
      return renderPage(c, <ErrorPage title="Training Orchestra" detail={result.problem.detail} />, 503)
    }),
  )

  // Last, so that every route above answers first. Hono ignores a sub-app's own `notFound` once it is mounted with
  // `route()`: without this, the service's JSON problem would answer a page the console does not have.
  app.all("*", (c) =>
    renderPage(c, <ErrorPage title="Not found" detail="There is no such page in the console." />, 404),
  )
  app.onError((error, c) => {
    if (error instanceof ConsoleRefusal) {
      return renderPage(c, <ErrorPage title="Refused" detail={error.message} />, error.status)
    }
    const problem = shownProblem(error)
    if (problem.status >= 500 && problem.status !== 502 && problem.status !== 503) {
      options.log(`iltsync: console ${c.req.method} ${c.req.path} answered ${problem.status}: ${problem.detail}`)
    }
    const status = ([400, 404, 409, 413, 422, 502, 503] as const).find((known) => known === problem.status) ?? 500
    return renderPage(c, <ErrorPage title="That did not work" detail={problem.detail} />, status)
  })
  return app
}
