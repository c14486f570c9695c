/**
 * *New Trainers*, the seed's wizard: choose the training provider, pick Docebo users (search, *Select All*,
 * *Unselect All*, pages over the users iltsync has read: no call to Docebo per keystroke), then *Training
 * Orchestra Additional Fields* (first and last name and e-mail per user, prefilled) and *Confirm*. Every step is a
 * form: the choices made so far travel in it, so the wizard needs no script and no state on the server.
 */
import { Effect } from "effect"
import type { Child } from "hono/jsx"
import { decodeOrRefuse } from "../../service/Body.ts"
import { type ProviderView, providerViews } from "../../service/routes/Providers.ts"
import { addTrainers, NewTrainersBody } from "../../service/routes/Trainers.ts"
import { type DirectoryUser, directoryUsers, userDirectoryPage } from "../../service/UserDirectory.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, redirectWith, renderPage } from "../Deps.ts"
import { field, fields, formOf, pageNumber } from "../Forms.ts"
import { CsrfField, Page } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const base = "/console/trainers/new"
const pageSize = 20
/** More than this at once is a mistake more often than an intent: the operator is asked to narrow the search. */
export const mostAtOnce = 200

const userName = (user: DirectoryUser) => `${user.firstName} ${user.lastName}`.trim() || user.username

const Steps = ({ at }: { at: 1 | 2 | 3 }) => (
  <ol class="steps" aria-label="Steps">
    {["Training Provider", "Users", "Training Orchestra Additional Fields"].map((label, index) => (
      <li {...(index + 1 === at ? { "aria-current": "step" } : {})}>{label}</li>
    ))}
  </ol>
)

/** Back, on (Next or Confirm), and Cancel, which leaves the wizard. */
const StepButtons = ({ forward, label }: { forward: string; label: string }) => (
  <div class="buttons">
    <button type="submit" name="do" value="back">
      Back
    </button>
    <button type="submit" name="do" value={forward} class="primary">
      {label}
    </button>
    <a href="/console/trainers">Cancel</a>
  </div>
)

const wizardPage = (deps: ConsoleDeps, c: ConsoleContext, at: 1 | 2 | 3, body: Child, status: 200 | 422 = 200) =>
  renderPage(
    c,
    <Page title="New Trainers" tab="trainers" {...frameOf(deps, c)}>
      <Steps at={at} />
      {body}
    </Page>,
    status,
  )

const chosenProvider = (providers: ReadonlyArray<ProviderView>, id: string) =>
  providers.find((provider) => provider.id === id && provider.active)

/** Step 1. */
export const providerStep = async (deps: ConsoleDeps, c: ConsoleContext, error: string | null = null) => {
  const providers = (await deps.run(providerViews)).filter((provider) => provider.active)
  const chosen = c.req.query("provider") ?? ""
  return wizardPage(
    deps,
    c,
    1,
    <form method="get" action={`${base}/users`} class="panel">
      {error ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {providers.length === 0 ? (
        <p>
          There is no active training provider yet: create one first with{" "}
          <a href="/console/training-providers/new">New Training Provider</a>.
        </p>
      ) : (
        <fieldset>
          <legend>Training provider of the new trainers</legend>
          {providers.map((provider, index) => (
            <label class="choice">
              <input
                type="radio"
                name="provider"
                value={provider.id}
                required
                checked={provider.id === chosen || (chosen === "" && index === 0)}
              />{" "}
              {provider.name}
            </label>
          ))}
        </fieldset>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={providers.length === 0}>
          Next
        </button>
        <a href="/console/trainers">Cancel</a>
      </div>
    </form>,
    error === null ? 200 : 422,
  )
}

interface PickState {
  readonly provider: ProviderView
  readonly search: string
  readonly page: number
  readonly selected: ReadonlyArray<string>
  readonly message: { readonly kind: "error" | "info"; readonly text: string } | null
}

const pickForm = async (deps: ConsoleDeps, c: ConsoleContext, state: PickState) => {
  const found = await attempt(() => deps.run(userDirectoryPage({ search: state.search, page: state.page, pageSize })))
  if (!found.ok) {
    return wizardPage(
      deps,
      c,
      2,
      <p class="error-text" role="alert">
        Docebo's users could not be read: {found.problem.detail}
      </p>,
    )
  }
  const listing = found.value
  const selected = new Set(state.selected)
  const onPage = new Set(listing.items.map((user) => user.id))
  return wizardPage(
    deps,
    c,
    2,
    <form method="post" action={`${base}/users`} class="panel wide">
      <CsrfField csrf={c.get("csrf")} />
      <input type="hidden" name="provider" value={state.provider.id} />
      <input type="hidden" name="q" value={state.search} />
      <input type="hidden" name="page" value={String(listing.page)} />
      {state.selected
        .filter((id) => !onPage.has(id))
        .map((id) => (
          <input type="hidden" name="selected" value={id} />
        ))}
      <p>
        Training provider: <strong>{state.provider.name}</strong>
      </p>
      <div class="filters">
        <label>
          Search users by name, username or e-mail <input type="search" name="search" value={state.search} />
        </label>
        <button type="submit" name="do" value="search">
          Search
        </button>
        <button type="submit" name="do" value="select-all">
          Select All
        </button>
        <button type="submit" name="do" value="unselect-all">
          Unselect All
        </button>
      </div>
      {state.message ? (
        <p class={`flash flash-${state.message.kind}`} role={state.message.kind === "error" ? "alert" : "status"}>
          {state.message.text}
        </p>
      ) : null}
      <p role="status">
        {selected.size} selected · {listing.total} users{state.search ? ` match "${state.search}"` : ""}
        {listing.readAt ? ` (Docebo's users as read at ${listing.readAt.replace("T", " ").slice(0, 16)} UTC)` : ""}
      </p>
      <table>
        <caption class="visually-hidden">Docebo users</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Select</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">E-mail</th>
            <th scope="col">ID User</th>
          </tr>
        </thead>
        <tbody>
          {listing.items.length === 0 ? (
            <tr>
              <td colspan={5}>No user matches.</td>
            </tr>
          ) : (
            listing.items.map((user) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    name="selected"
                    value={user.id}
                    checked={selected.has(user.id)}
                    aria-label={`Select ${userName(user)}`}
                  />
                </td>
                <td>
                  {userName(user)}
                  {user.isTrainer ? <span class="status"> (already a trainer)</span> : null}
                </td>
                <td>{user.username}</td>
                <td>{user.email}</td>
                <td>{user.id}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav class="pager" aria-label="User pages">
        {listing.page > 1 ? (
          <button type="submit" name="do" value={`page:${listing.page - 1}`}>
            Previous page
          </button>
        ) : null}
        <span>
          Page {listing.page} of {Math.max(1, listing.pages)}
        </span>
        {listing.page < listing.pages ? (
          <button type="submit" name="do" value={`page:${listing.page + 1}`}>
            Next page
          </button>
        ) : null}
      </nav>
      <StepButtons forward="next" label="Next" />
    </form>,
    state.message?.kind === "error" ? 422 : 200,
  )
}

/** Step 2, entered from step 1. */
export const usersStep = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const provider = chosenProvider(await deps.run(providerViews), c.req.query("provider") ?? "")
  if (provider === undefined) return providerStep(deps, c, "Choose an active training provider.")
  return pickForm(deps, c, { provider, search: "", page: 1, selected: [], message: null })
}

/** Every user the search lists, over all its pages; null when there are more than may be picked at once. */
const everyListed = (deps: ConsoleDeps, search: string) =>
  deps.run(
    Effect.gen(function* () {
      const first = yield* userDirectoryPage({ search, page: 1, pageSize: 100 })
      if (first.total > mostAtOnce) return { ids: null, total: first.total }
      const ids = first.items.map((user) => user.id)
      for (let page = 2; page <= first.pages; page++) {
        ids.push(...(yield* userDirectoryPage({ search, page, pageSize: 100 })).items.map((user) => user.id))
      }
      return { ids, total: first.total }
    }),
  )

/** Step 2's buttons: search, select or unselect all, turn a page, go back or on. */
export const usersPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const form = await formOf(c)
  const provider = chosenProvider(await deps.run(providerViews), field(form, "provider"))
  if (provider === undefined) return providerStep(deps, c, "Choose an active training provider.")
  const action = field(form, "do")
  const applied = field(form, "q")
  const state: PickState = {
    provider,
    search: applied,
    page: pageNumber(field(form, "page")),
    selected: fields(form, "selected"),
    message: null,
  }
  if (action === "back")
    return redirectWith(deps, c, `${base}?provider=${encodeURIComponent(provider.id)}`, {
      kind: "info",
      text: "Choose the training provider.",
    })
  if (action === "search" || action === "") {
    return pickForm(deps, c, { ...state, search: field(form, "search").slice(0, 200), page: 1 })
  }
  if (action === "unselect-all") return pickForm(deps, c, { ...state, selected: [] })
  if (action === "select-all") {
    const listed = await everyListed(deps, applied)
    if (listed.ids === null) {
      const text = `${listed.total} users are listed: search to narrow them to ${mostAtOnce} or fewer, then Select All.`
      return pickForm(deps, c, { ...state, message: { kind: "error", text } })
    }
    return pickForm(deps, c, { ...state, selected: [...new Set([...state.selected, ...listed.ids])] })
  }
  if (action.startsWith("page:")) return pickForm(deps, c, { ...state, page: pageNumber(action.slice(5)) })
  if (state.selected.length === 0) {
    return pickForm(deps, c, { ...state, message: { kind: "error", text: "Select at least one user." } })
  }
  if (state.selected.length > mostAtOnce) {
    const text = `${state.selected.length} users are selected: at most ${mostAtOnce} become trainers at once.`
    return pickForm(deps, c, { ...state, message: { kind: "error", text } })
  }
  const users = await deps.run(directoryUsers(state.selected))
  return fieldsStep(deps, c, provider, users, null, [])
}

interface Entry {
  readonly id: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
}

/** Step 3. */
const fieldsStep = (
  deps: ConsoleDeps,
  c: ConsoleContext,
  provider: ProviderView,
  entries: ReadonlyArray<Entry>,
  error: string | null,
  invalid: ReadonlyArray<string>,
) =>
  wizardPage(
    deps,
    c,
    3,
    <form method="post" action={`${base}/confirm`} class="panel wide">
      <CsrfField csrf={c.get("csrf")} />
      <input type="hidden" name="provider" value={provider.id} />
      <h3>Training Orchestra Additional Fields</h3>
      <p class="hint">
        These details are written to the users in Docebo's User Management too. Training provider:{" "}
        <strong>{provider.name}</strong>.
      </p>
      {error ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <table>
        <caption class="visually-hidden">New trainers' details</caption>
        <thead>
          <tr>
            <th scope="col">ID User</th>
            <th scope="col">First name</th>
            <th scope="col">Last name</th>
            <th scope="col">E-mail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr>
              <td>
                {entry.id}
                <input type="hidden" name="selected" value={entry.id} />
              </td>
              {(["firstName", "lastName", "email"] as const).map((name) => (
                <td>
                  <input
                    name={`${name}:${entry.id}`}
                    value={entry[name]}
                    type={name === "email" ? "email" : "text"}
                    required
                    maxlength={name === "email" ? 320 : 200}
                    aria-label={`${name === "firstName" ? "First name" : name === "lastName" ? "Last name" : "E-mail"} of user ${entry.id}`}
                    {...(invalid.includes(`trainers[${index}].${name}`) ? { "aria-invalid": "true" } : {})}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <StepButtons forward="confirm" label="Confirm" />
    </form>,
    error === null ? 200 : 422,
  )

export const confirmPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const form = await formOf(c)
  const provider = chosenProvider(await deps.run(providerViews), field(form, "provider"))
  if (provider === undefined) return providerStep(deps, c, "Choose an active training provider.")
  const ids = fields(form, "selected")
  if (field(form, "do") === "back") {
    return pickForm(deps, c, { provider, search: "", page: 1, selected: ids, message: null })
  }
  const entries = ids.map((id) => ({
    id,
    firstName: field(form, `firstName:${id}`),
    lastName: field(form, `lastName:${id}`),
    email: field(form, `email:${id}`),
  }))
  const body = {
    trainingProviderId: provider.id,
    trainers: entries.map((entry) => ({
      userId: entry.id,
      firstName: entry.firstName,
      lastName: entry.lastName,
      email: entry.email,
    })),
  }
  const result = await attempt(() => deps.run(addTrainers(c, deps, decodeOrRefuse(NewTrainersBody, body, ""))))
  if (!result.ok) {
    const invalid = result.problem.fields.map((error) => error.field.replace(/^\./, ""))
    return fieldsStep(deps, c, provider, entries, result.problem.detail.replace(/^\./, ""), invalid)
  }
  const notDone = result.value.sync.ops.filter((op) => op.reason !== null)
  return redirectWith(deps, c, "/console/trainers", {
    kind: notDone.length === 0 && result.value.sync.status === "succeeded" ? "done" : "info",
    text:
      `${entries.length} trainer(s) added to ${provider.name}` +
      (result.value.sync.status === "failed"
        ? `; the sync is still to do: ${result.value.sync.error}`
        : notDone.length > 0
          ? `; not carried out yet: ${notDone.map((op) => op.reason).join("; ")}`
          : "."),
  })
}
