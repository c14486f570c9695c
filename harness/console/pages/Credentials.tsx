/**
 * The Credentials tab. Secrets are never sent to the browser, masked or not: a secret field is empty and says
 * whether one is saved; left empty, the saved one is kept. *Save Changes* checks both systems before saving, and a
 * refusal is shown beside the field it names (a sub-domain, a system that could not be reached).
 */
import { Effect } from "effect"
import type { StoredCredentials } from "../../../adapters/store/Credentials.ts"
import { Store } from "../../../adapters/store/Store.ts"
import { decodeOrRefuse } from "../../service/Body.ts"
import type { FieldError } from "../../service/Problem.ts"
import { CredentialsBody, fromEnvironment, saveCheckedCredentials } from "../../service/routes/Credentials.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, redirectWith, renderPage } from "../Deps.ts"
import { field, formOf } from "../Forms.ts"
import { CsrfField, Page } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const path = "/console/credentials"

/** The credentials in effect, unmasked: read on the server only, to keep a secret the operator left empty. */
const inEffect = (env: NodeJS.ProcessEnv) =>
  Effect.map(
    Effect.flatMap(Store, (store) => store.loadCredentials()),
    (stored): StoredCredentials & { readonly source: { docebo: string | null; to: string | null } } => {
      const fallback = fromEnvironment(env)
      return {
        docebo: stored.docebo ?? fallback.docebo,
        to: stored.to ?? fallback.to,
        source: {
          docebo: stored.docebo ? "saved here" : fallback.docebo ? "from the environment" : null,
          to: stored.to ? "saved here" : fallback.to ? "from the environment" : null,
        },
      }
    },
  )

interface Shown {
  readonly values: Record<string, string>
  readonly saved: Record<string, boolean>
  readonly errors: ReadonlyArray<FieldError>
  readonly problem: string | null
  readonly source: { docebo: string | null; to: string | null }
}

const errorFor = (errors: ReadonlyArray<FieldError>, name: string) =>
  errors.find((error) => error.field === name || (name.endsWith(".url") && error.field === name.split(".")[0]))

const Field = (props: {
  shown: Shown
  name: string
  label: string
  type?: "text" | "url" | "password"
  secret?: boolean
  required?: boolean
}) => {
  const id = `field-${props.name.replace(".", "-")}`
  const error = errorFor(props.shown.errors, props.name)
  const saved = props.shown.saved[props.name] === true
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.secret ? "" : (props.shown.values[props.name] ?? "")}
        autocomplete={props.secret ? "new-password" : "off"}
        {...(props.secret && saved ? { placeholder: "saved: leave empty to keep it" } : {})}
        {...(props.required && !(props.secret && saved) ? { required: true } : {})}
        {...(error ? { "aria-invalid": "true", "aria-describedby": `${id}-error` } : {})}
      />
      {error ? (
        <p id={`${id}-error`} class="error-text">
          {error.message}
        </p>
      ) : null}
    </div>
  )
}

const CredentialsForm = ({ shown, csrf }: { shown: Shown; csrf: string }) => (
  <form method="post" action={path} class="panel wide">
    <CsrfField csrf={csrf} />
    {shown.problem ? (
      <p class="error-text" role="alert">
        {shown.problem}
      </p>
    ) : null}
    <fieldset>
      <legend>Docebo {shown.source.docebo ? <small>({shown.source.docebo})</small> : null}</legend>
      <Field shown={shown} name="docebo.url" label="Docebo URL (main domain)" type="url" required />
      <Field shown={shown} name="docebo.clientId" label="Client ID" required />
      <Field shown={shown} name="docebo.clientSecret" label="Client Secret" type="password" secret required />
      <Field shown={shown} name="docebo.username" label="Username (optional)" />
      <Field shown={shown} name="docebo.password" label="Password (optional)" type="password" secret />
    </fieldset>
    <fieldset>
      <legend>Training Orchestra {shown.source.to ? <small>({shown.source.to})</small> : null}</legend>
      <Field shown={shown} name="to.url" label="Training Orchestra API URL" type="url" required />
      <Field shown={shown} name="to.clientId" label="Client ID" required />
      <Field shown={shown} name="to.clientSecret" label="Client Secret" type="password" secret required />
      <Field shown={shown} name="to.platformUrl" label="Training Orchestra platform URL" type="url" />
    </fieldset>
    <p class="hint">Both systems are checked before anything is saved. Secrets are stored encrypted.</p>
    <div class="buttons">
      <button type="submit" class="primary">
        Save Changes
      </button>
    </div>
  </form>
)

const shownOf = (current: Awaited<ReturnType<typeof loadCurrent>>, given?: Record<string, string>): Shown => ({
  values: given ?? {
    "docebo.url": current.docebo?.url ?? "",
    "docebo.clientId": current.docebo?.clientId ?? "",
    "docebo.username": current.docebo?.username ?? "",
    "to.url": current.to?.url ?? "",
    "to.clientId": current.to?.clientId ?? "",
    "to.platformUrl": current.to?.platformUrl ?? "",
  },
  saved: {
    "docebo.clientSecret": (current.docebo?.clientSecret ?? "") !== "",
    "docebo.password": (current.docebo?.password ?? "") !== "",
    "to.clientSecret": (current.to?.clientSecret ?? "") !== "",
  },
  errors: [],
  problem: null,
  source: current.source,
})

const loadCurrent = (deps: ConsoleDeps) => deps.run(inEffect(deps.env))

export const credentialsPage = async (
  deps: ConsoleDeps,
  c: ConsoleContext,
  shown?: Shown,
  status: 200 | 422 | 502 = 200,
) =>
  renderPage(
    c,
    <Page title="Credentials" tab="credentials" {...frameOf(deps, c)}>
      <CredentialsForm shown={shown ?? shownOf(await loadCurrent(deps))} csrf={c.get("csrf")} />
    </Page>,
    status,
  )

export const credentialsPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const form = await formOf(c)
  const current = await loadCurrent(deps)
  const values = Object.fromEntries(
    ["docebo.url", "docebo.clientId", "docebo.username", "to.url", "to.clientId", "to.platformUrl"].map((name) => [
      name,
      field(form, name),
    ]),
  )
  // A secret left empty keeps the one in effect; the username and password go together or not at all.
  const secret = (name: string, kept: string | undefined) => form.get(name) || kept || ""
  const username = values["docebo.username"] ?? ""
  const body = {
    docebo: {
      url: values["docebo.url"],
      clientId: values["docebo.clientId"],
      clientSecret: secret("docebo.clientSecret", current.docebo?.clientSecret),
      ...(username === "" ? {} : { username, password: secret("docebo.password", current.docebo?.password) }),
    },
    to: {
      url: values["to.url"],
      clientId: values["to.clientId"],
      clientSecret: secret("to.clientSecret", current.to?.clientSecret),
      ...(values["to.platformUrl"] === "" ? {} : { platformUrl: values["to.platformUrl"] }),
    },
  }
  const result = await attempt(() =>
    deps.run(saveCheckedCredentials(c, deps, deps.env, decodeOrRefuse(CredentialsBody, body, ""))),
  )
  if (result.ok) {
    return redirectWith(deps, c, path, { kind: "done", text: "Both systems accepted the credentials: they are saved." })
  }
  const errors = result.problem.fields.map((error) => ({ ...error, field: error.field.replace(/^\./, "") }))
  return credentialsPage(
    deps,
    c,
    { ...shownOf(current, values), errors, problem: result.problem.detail },
    result.problem.status === 502 ? 502 : 422,
  )
}
