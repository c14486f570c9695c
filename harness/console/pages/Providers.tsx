/**
 * The Training Providers tab: TO's providers as last read (with the ones asked for and not yet in TO), a status
 * switch that deactivates or reactivates one on both systems after a confirmation saying so, and *New Training
 * Provider*. There is no delete anywhere: providers are never deleted.
 */
import { createProvider, type ProviderView, providerViews, setProviderActive } from "../../service/routes/Providers.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, redirectWith, renderPage } from "../Deps.ts"
import { field, formOf } from "../Forms.ts"
import { CsrfField, Page, PlusMenu } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const listPath = "/console/training-providers"

const StatusSwitch = ({ provider }: { provider: ProviderView }) =>
  provider.pending && provider.siteId === null ? (
    <span class="status status-pending">Pending: not in Training Orchestra yet</span>
  ) : (
    <form method="get" action={`${listPath}/${encodeURIComponent(provider.id)}/status`}>
      <input type="hidden" name="active" value={provider.active ? "false" : "true"} />
      <button
        type="submit"
        role="switch"
        aria-checked={provider.active ? "true" : "false"}
        aria-label={`Status of ${provider.name}: ${provider.active ? "active" : "inactive"}`}
        class="switch"
      >
        {provider.active ? "Active" : "Inactive"}
      </button>
      {provider.pending ? <span class="status status-pending"> change pending</span> : null}
    </form>
  )

export const providersPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const providers = await deps.run(providerViews)
  return renderPage(
    c,
    <Page
      title="Training Providers"
      tab="training-providers"
      {...frameOf(deps, c)}
      actions={<PlusMenu label="Add" items={[{ label: "New Training Provider", href: `${listPath}/new` }]} />}
    >
      <p class="hint">
        Training Orchestra is the master of training providers. Each provider has its own site. Providers are never
        deleted: deactivate one instead.
      </p>
      <table>
        <caption class="visually-hidden">Training Providers</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Site</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {providers.length === 0 ? (
            <tr>
              <td colspan={3}>No training provider yet: add one with New Training Provider.</td>
            </tr>
          ) : (
            providers.map((provider) => (
              <tr>
                <td>{provider.name}</td>
                <td>{provider.siteId ?? "—"}</td>
                <td>
                  <StatusSwitch provider={provider} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Page>,
  )
}

const NewProviderForm = (props: { csrf: string; name: string; error: string | null }) => (
  <form method="post" action={`${listPath}/new`} class="panel">
    <CsrfField csrf={props.csrf} />
    <label>
      Training provider name{" "}
      <input
        name="name"
        value={props.name}
        required
        maxlength={200}
        autocomplete="off"
        {...(props.error ? { "aria-invalid": "true", "aria-describedby": "name-error" } : {})}
      />
    </label>
    {props.error ? (
      <p id="name-error" class="error-text" role="alert">
        {props.error}
      </p>
    ) : null}
    <p class="hint">Training Orchestra gets the new provider and a site of the same name.</p>
    <div class="buttons">
      <button type="submit" class="primary">
        Confirm
      </button>
      <a href={listPath}>Cancel</a>
    </div>
  </form>
)

export const newProviderPage = async (deps: ConsoleDeps, c: ConsoleContext, name = "", error: string | null = null) =>
  renderPage(
    c,
    <Page title="New Training Provider" tab="training-providers" {...frameOf(deps, c)}>
      <NewProviderForm csrf={c.get("csrf")} name={name} error={error} />
    </Page>,
    error === null ? 200 : 422,
  )

export const createProviderPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const name = field(await formOf(c), "name")
  if (name === "") return newProviderPage(deps, c, name, "Give the training provider a name.")
  const result = await attempt(() => deps.run(createProvider(c, deps, name)))
  if (!result.ok) return newProviderPage(deps, c, name, result.problem.detail)
  const { status, body } = result.value
  return redirectWith(
    deps,
    c,
    listPath,
    status === 201
      ? { kind: "done", text: `Training provider ${name} was created in Training Orchestra.` }
      : { kind: "info", text: `Training provider ${name} is requested: ${"reason" in body ? body.reason : ""}` },
  )
}

const consequences = (active: boolean) =>
  active
    ? "It is reactivated in Training Orchestra and in Docebo, and can be chosen again for new sessions."
    : "It is deactivated in Training Orchestra and in Docebo, and can no longer be chosen for new sessions. Sessions already scheduled with it stay as they are until a new schedule is synchronized."

export const providerStatusPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const id = c.req.param("id") ?? ""
  const active = c.req.query("active") === "true"
  const provider = (await deps.run(providerViews)).find((candidate) => candidate.id === id)
  if (provider === undefined) {
    return redirectWith(deps, c, listPath, { kind: "error", text: "That training provider is not known." })
  }
  const verb = active ? "Reactivate" : "Deactivate"
  return renderPage(
    c,
    <Page title={`${verb} ${provider.name}?`} tab="training-providers" {...frameOf(deps, c)}>
      <form method="post" action={`${listPath}/${encodeURIComponent(id)}/status`} class="panel">
        <CsrfField csrf={c.get("csrf")} />
        <input type="hidden" name="active" value={active ? "true" : "false"} />
        <p>{consequences(active)}</p>
        <div class="buttons">
          <button type="submit" class="primary">
            {verb}
          </button>
          <a href={listPath}>Cancel</a>
        </div>
      </form>
    </Page>,
  )
}

export const providerStatusPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const id = c.req.param("id") ?? ""
  const active = field(await formOf(c), "active") === "true"
  const result = await attempt(() => deps.run(setProviderActive(c, deps, id, active)))
  if (!result.ok) return redirectWith(deps, c, listPath, { kind: "error", text: result.problem.detail })
  const { status, body } = result.value
  const done = `${body.name} is ${active ? "active" : "inactive"} in Training Orchestra and in Docebo.`
  return redirectWith(
    deps,
    c,
    listPath,
    status === 200
      ? { kind: "done", text: done }
      : { kind: "info", text: `${body.name}: the change is requested: ${"reason" in body ? body.reason : ""}` },
  )
}
