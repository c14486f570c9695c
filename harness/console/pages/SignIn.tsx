/**
 * Sign-in with an operator token (or `name:token`), and sign-out. The sign-in form carries a token of its own, kept
 * in a short-lived cookie, so that another site cannot sign a browser in under its own operator.
 */
import { Effect } from "effect"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import { operatorOf, sameSecret } from "../../service/Auth.ts"
import { logAction } from "../../service/Http.ts"
import { defaultOperatorName } from "../../service/Settings.ts"
import { type ConsoleContext, type ConsoleDeps, renderPage } from "../Deps.ts"
import { field, formOf } from "../Forms.ts"
import { ConsoleRefusal, endSession, overTls, startSession } from "../Guard.ts"
import { CsrfField, FlashMessage } from "../Layout.tsx"
import { newSignInToken } from "../Sessions.ts"

const signInCookie = "iltsync_sign_in"
const signInPath = "/console/sign-in"

/** Where to go after signing in: a console page, never another site. */
const nextPage = (given: string | undefined | null) =>
  given && /^\/console\/[^/\\]/.test(given) && !given.startsWith("/console/sign-") ? given : "/console/courses"

/** The operator a token names; `name:token` must name the token's own operator. */
export const operatorSigningIn = (deps: ConsoleDeps, presented: string): string | null => {
  const { apiTokens, insecureDev } = deps.settings
  if (apiTokens.length === 0) return insecureDev ? defaultOperatorName : null
  const byToken = operatorOf(apiTokens, presented)
  if (byToken !== null) return byToken
  const colon = presented.indexOf(":")
  if (colon <= 0) return null
  const name = presented.slice(0, colon)
  const operator = operatorOf(apiTokens, presented.slice(colon + 1))
  return operator !== null && sameSecret(name, operator) ? operator : null
}

const SignInPage = (props: {
  csrf: string
  next: string
  error: string | null
  notice: string | null
  open: boolean
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Sign in · Training Orchestra · iltsync</title>
      <link rel="stylesheet" href="/console/assets/console.css" />
    </head>
    <body class="sign-in">
      <main id="content">
        <h1>Training Orchestra</h1>
        <FlashMessage flash={props.notice ? { kind: "info", text: props.notice } : null} />
        <form method="post" action={signInPath} class="panel">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label for="token">Operator token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required={!props.open}
            {...(props.error ? { "aria-invalid": "true", "aria-describedby": "token-error" } : {})}
          />
          <p class="hint">
            {props.open
              ? "This service runs without operator tokens (--insecure-dev): any token signs you in."
              : "The token you were given for iltsync, or NAME:TOKEN."}
          </p>
          {props.error ? (
            <p id="token-error" class="error-text" role="alert">
              {props.error}
            </p>
          ) : null}
          <button type="submit" class="primary">
            Sign in
          </button>
        </form>
      </main>
    </body>
  </html>
)

const showSignIn = async (
  deps: ConsoleDeps,
  c: ConsoleContext,
  next: string,
  error: string | null,
  notice: string | null = null,
) => {
  const csrf = newSignInToken()
  setCookie(c, signInCookie, csrf, {
    httpOnly: true,
    sameSite: "Strict",
    secure: overTls(c, deps.settings),
    path: signInPath,
    maxAge: 15 * 60,
  })
  const open = deps.settings.apiTokens.length === 0 && deps.settings.insecureDev
  return renderPage(
    c,
    <SignInPage csrf={csrf} next={next} error={error} notice={notice} open={open} />,
    error ? 401 : 200,
  )
}

export const signInPage = (deps: ConsoleDeps, c: ConsoleContext) =>
  showSignIn(
    deps,
    c,
    nextPage(c.req.query("next")),
    null,
    c.req.query("signed-out") === "1" ? "You are signed out." : null,
  )

export const signInPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const form = await formOf(c)
  const expected = getCookie(c, signInCookie) ?? ""
  if (expected === "" || !sameSecret(form.get("_csrf") ?? "", expected)) {
    throw new ConsoleRefusal(403, "The sign-in form is out of date: reload the page and sign in again.")
  }
  const next = nextPage(field(form, "next"))
  const operator = operatorSigningIn(deps, field(form, "token"))
  if (operator === null) return showSignIn(deps, c, next, "That token is not valid.")
  deleteCookie(c, signInCookie, { path: signInPath, secure: overTls(c, deps.settings) })
  const session = deps.sessions.open(operator)
  startSession(c, deps.settings, session, deps.clock.now())
  c.set("actor", operator)
  await deps.run(logAction(c, deps.clock, { action: "console.sign-in" }))
  return c.redirect(next, 303)
}

export const signOutPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  await deps.run(logAction(c, deps.clock, { action: "console.sign-out" }).pipe(Effect.ignore))
  endSession(c, deps.settings, deps.sessions)
  return c.redirect(`${signInPath}?signed-out=1`, 303)
}
