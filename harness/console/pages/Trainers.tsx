/**
 * The Trainers tab: the users made trainers through the integration, with *Edit* and *Remove* on each row and
 * *Choose Action* (*Remove*, *Assign Training Provider*) over the checked ones. Removing warns as the seed does: the
 * instructor becomes a learner (never deleted) and their scheduled sessions need another trainer.
 */
import { Effect } from "effect"
import { decodeOrRefuse } from "../../service/Body.ts"
import { type ProviderView, providerViews } from "../../service/routes/Providers.ts"
import {
  assignTrainingProvider,
  editTrainerDetails,
  listTrainers,
  removeTrainers,
  TrainerPatchBody,
} from "../../service/routes/Trainers.ts"
import type { TrainerView } from "../../service/Trainers.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, hrefWith, redirectWith, renderPage } from "../Deps.ts"
import { field, fields, formOf, pageNumber } from "../Forms.ts"
import { CsrfField, Page, Pager, PlusMenu } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const listPath = "/console/trainers"
const pageSize = 50

const fullName = (trainer: TrainerView) => `${trainer.firstName} ${trainer.lastName}`.trim() || trainer.userId

const providerName = (providers: ReadonlyArray<ProviderView>, id: string | null) =>
  id === null ? "—" : (providers.find((provider) => provider.id === id)?.name ?? id)

const matches = (trainer: TrainerView, search: string) =>
  search === "" ||
  [trainer.userId, trainer.firstName, trainer.lastName, trainer.email].some((value) =>
    value.toLowerCase().includes(search.toLowerCase()),
  )

const loaded = Effect.all({ trainers: listTrainers, providers: providerViews })

const RowMenu = ({ trainer }: { trainer: TrainerView }) => (
  <details class="menu row-menu" data-menu>
    <summary>
      <span aria-hidden="true">⋯</span>
      <span class="visually-hidden">Actions for {fullName(trainer)}</span>
    </summary>
    <div role="menu" aria-label={`Actions for ${fullName(trainer)}`}>
      <a role="menuitem" href={`${listPath}/${encodeURIComponent(trainer.userId)}/edit`}>
        Edit
      </a>

      <a role="menuitem" href={`${listPath}/${encodeURIComponent(trainer.userId)}/remove`}>
        Remove
      </a>
    </div>
  </details>
)

export const trainersPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const search = (c.req.query("q") ?? "").trim().slice(0, 200)
  const page = pageNumber(c.req.query("page"))
  const { trainers, providers } = await deps.run(loaded)
  const shown = trainers.filter((trainer) => matches(trainer, search))
  const rows = shown.slice((page - 1) * pageSize, page * pageSize)
  return renderPage(
    c,
    <Page
      title="Trainers"
      tab="trainers"
      {...frameOf(deps, c)}
      actions={<PlusMenu label="Add" items={[{ label: "New Trainers", href: `${listPath}/new` }]} />}
    >
      <p class="hint">
        Docebo is the master of trainers: they are Docebo users made instructors here, and Training Orchestra gets them
        to schedule sessions.
      </p>
      <form method="get" action={listPath} class="filters" aria-label="Search">
        <label>
          Search trainers <input type="search" name="q" value={search} />
        </label>
        <button type="submit">Search</button>
      </form>
      <form method="post" action={`${listPath}/bulk`}>
        <CsrfField csrf={c.get("csrf")} />
        <table>
          <caption class="visually-hidden">Trainers</caption>
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
              <th scope="col">Name</th>
              <th scope="col">ID User</th>
              <th scope="col">E-mail</th>
              <th scope="col">Training Provider</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={7}>
                  {search === "" ? "No trainer yet: add some with New Trainers." : "No trainer matches."}
                </td>
              </tr>
            ) : (
              rows.map((trainer) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      name="userId"
                      value={trainer.userId}
                      aria-label={`Select ${fullName(trainer)}`}
                    />
                  </td>
                  <td>{fullName(trainer)}</td>
                  <td>{trainer.userId}</td>
                  <td>{trainer.email}</td>
                  <td>{providerName(providers, trainer.trainingProviderId)}</td>
                  <td>{trainer.pending ? "Pending" : trainer.active ? "Active" : "Removed"}</td>
                  <td>
                    <RowMenu trainer={trainer} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <div class="bulk">
          <label>
            Choose Action{" "}
            <select name="action">
              <option value="">Choose Action</option>
              <option value="remove">Remove</option>
              <option value="assign">Assign Training Provider</option>
            </select>
          </label>
          <button type="submit">Apply to selected</button>
        </div>
      </form>
      <Pager
        page={page}
        pages={Math.ceil(shown.length / pageSize)}
        total={shown.length}
        href={(to) => hrefWith(listPath, { q: search, page: to })}
        noun="trainers"
      />
    </Page>,
  )
}

const removalWarning =
  "You are removing them from the integration: each instructor becomes a learner in Docebo. No user is deleted from the platform. The sessions already scheduled for them will need to be reconfigured with another trainer."

/** The trainers an action is about, named, and sent along with the form. */
const ChosenTrainers = ({ chosen }: { chosen: ReadonlyArray<TrainerView> }) => (
  <ul>
    {chosen.map((trainer) => (
      <li>
        {fullName(trainer)} ({trainer.userId})
        <input type="hidden" name="userId" value={trainer.userId} />
      </li>
    ))}
  </ul>
)

const RemoveConfirm = (props: { csrf: string; chosen: ReadonlyArray<TrainerView> }) => (
  <form method="post" action={`${listPath}/remove`} class="panel">
    <CsrfField csrf={props.csrf} />
    <p role="alert" class="warning">
      {removalWarning}
    </p>
    <ChosenTrainers chosen={props.chosen} />
    <div class="buttons">
      <button type="submit" class="primary danger">
        Remove
      </button>
      <a href={listPath}>Cancel</a>
    </div>
  </form>
)

const AssignForm = (props: {
  csrf: string
  chosen: ReadonlyArray<TrainerView>
  providers: ReadonlyArray<ProviderView>
}) => (
  <form method="post" action={`${listPath}/assign`} class="panel">
    <CsrfField csrf={props.csrf} />
    <ChosenTrainers chosen={props.chosen} />
    <label>
      Training Provider{" "}
      <select name="trainingProviderId" required>
        {props.providers
          .filter((provider) => provider.active)
          .map((provider) => (
            <option value={provider.id}>{provider.name}</option>
          ))}
      </select>
    </label>
    <div class="buttons">
      <button type="submit" class="primary">
        Assign Training Provider
      </button>
      <a href={listPath}>Cancel</a>
    </div>
  </form>
)

const chosenOf = (trainers: ReadonlyArray<TrainerView>, userIds: ReadonlyArray<string>) =>
  trainers.filter((trainer) => userIds.includes(trainer.userId))

export const bulkPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const form = await formOf(c)
  const userIds = fields(form, "userId")
  const action = field(form, "action")
  if (userIds.length === 0) {
    return redirectWith(deps, c, listPath, { kind: "error", text: "Select one or more trainers first." })
  }
  if (action !== "remove" && action !== "assign") {
    return redirectWith(deps, c, listPath, {
      kind: "error",
      text: "Choose an action: Remove or Assign Training Provider.",
    })
  }
  const { trainers, providers } = await deps.run(loaded)
  const chosen = chosenOf(trainers, userIds)
  return renderPage(
    c,
    <Page
      title={action === "remove" ? `Remove ${chosen.length} trainers?` : "Assign Training Provider"}
      tab="trainers"
      {...frameOf(deps, c)}
    >
      {action === "remove" ? (
        <RemoveConfirm csrf={c.get("csrf")} chosen={chosen} />
      ) : (
        <AssignForm csrf={c.get("csrf")} chosen={chosen} providers={providers} />
      )}
    </Page>,
  )
}

export const removeOnePage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const { trainers } = await deps.run(loaded)
  const chosen = chosenOf(trainers, [c.req.param("userId") ?? ""])
  if (chosen.length === 0) return redirectWith(deps, c, listPath, { kind: "error", text: "That trainer is not known." })
  return renderPage(
    c,
    <Page title={`Remove ${fullName(chosen[0] as TrainerView)}?`} tab="trainers" {...frameOf(deps, c)}>
      <RemoveConfirm csrf={c.get("csrf")} chosen={chosen} />
    </Page>,
  )
}

/** What a trainer change did, as one line: done, or what is still to do and why. */
const outcomeText = (
  done: string,
  answer: {
    readonly sync: {
      readonly status: string
      readonly error: string | null
      readonly ops: ReadonlyArray<{ readonly reason: string | null }>
    }
  },
) => {
  if (answer.sync.status === "failed")
    return { kind: "info" as const, text: `${done}; the sync is still to do: ${answer.sync.error}` }
  const waiting = answer.sync.ops.filter((op) => op.reason !== null)
  if (waiting.length === 0) return { kind: "done" as const, text: `${done}.` }
  return { kind: "info" as const, text: `${done}; not carried out yet: ${waiting.map((op) => op.reason).join("; ")}` }
}

export const removePost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const userIds = fields(await formOf(c), "userId")
  const result = await attempt(() => deps.run(removeTrainers(c, deps, userIds)))
  if (!result.ok) return redirectWith(deps, c, listPath, { kind: "error", text: result.problem.detail })
  return redirectWith(
    deps,
    c,
    listPath,
    outcomeText(`Removed ${userIds.length} trainer(s) from the integration`, result.value),
  )
}

export const assignPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const form = await formOf(c)
  const userIds = fields(form, "userId")
  const providerId = field(form, "trainingProviderId")
  const result = await attempt(() => deps.run(assignTrainingProvider(c, deps, userIds, providerId)))
  if (!result.ok) return redirectWith(deps, c, listPath, { kind: "error", text: result.problem.detail })
  return redirectWith(
    deps,
    c,
    listPath,
    outcomeText(`Assigned ${userIds.length} trainer(s) to the training provider`, result.value),
  )
}

const EditForm = (props: {
  csrf: string
  trainer: TrainerView
  providers: ReadonlyArray<ProviderView>
  error: string | null
}) => (
  <form method="post" action={`${listPath}/${encodeURIComponent(props.trainer.userId)}/edit`} class="panel">
    <CsrfField csrf={props.csrf} />
    {props.error ? (
      <p class="error-text" role="alert">
        {props.error}
      </p>
    ) : null}
    <label>
      First name <input name="firstName" value={props.trainer.firstName} required maxlength={200} />
    </label>
    <label>
      Last name <input name="lastName" value={props.trainer.lastName} required maxlength={200} />
    </label>
    <label>
      E-mail <input type="email" name="email" value={props.trainer.email} required maxlength={320} />
    </label>
    <label>
      Training Provider{" "}
      <select name="trainingProviderId">
        {props.providers
          .filter((provider) => provider.active || provider.id === props.trainer.trainingProviderId)
          .map((provider) => (
            <option value={provider.id} selected={provider.id === props.trainer.trainingProviderId}>
              {provider.name}
            </option>
          ))}
      </select>
    </label>
    <p class="hint">
      The names and e-mail are written to the user in Docebo's User Management and to Training Orchestra.
    </p>
    <div class="buttons">
      <button type="submit" class="primary">
        Save Changes
      </button>
      <a href={listPath}>Cancel</a>
    </div>
  </form>
)

export const editPage = async (
  deps: ConsoleDeps,
  c: ConsoleContext,
  error: string | null = null,
  given?: TrainerView,
) => {
  const { trainers, providers } = await deps.run(loaded)
  const trainer = given ?? trainers.find((candidate) => candidate.userId === c.req.param("userId"))
  if (trainer === undefined)
    return redirectWith(deps, c, listPath, { kind: "error", text: "That trainer is not known." })
  return renderPage(
    c,
    <Page title={`Edit ${fullName(trainer)}`} tab="trainers" {...frameOf(deps, c)}>
      <EditForm csrf={c.get("csrf")} trainer={trainer} providers={providers} error={error} />
    </Page>,
    error === null ? 200 : 422,
  )
}

export const editPost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const userId = c.req.param("userId") ?? ""
  const form = await formOf(c)
  const { trainers } = await deps.run(loaded)
  const current = trainers.find((candidate) => candidate.userId === userId)
  if (current === undefined)
    return redirectWith(deps, c, listPath, { kind: "error", text: "That trainer is not known." })
  const wanted = {
    firstName: field(form, "firstName"),
    lastName: field(form, "lastName"),
    email: field(form, "email"),
    trainingProviderId: field(form, "trainingProviderId"),
  }
  // Only what the operator changed is sent: an unchanged field is not an edit to write to both systems.
  const patch = {
    ...(wanted.firstName !== current.firstName ? { firstName: wanted.firstName } : {}),
    ...(wanted.lastName !== current.lastName ? { lastName: wanted.lastName } : {}),
    ...(wanted.email !== current.email ? { email: wanted.email } : {}),
    ...(wanted.trainingProviderId !== "" && wanted.trainingProviderId !== current.trainingProviderId
      ? { trainingProviderId: wanted.trainingProviderId }
      : {}),
  }
  if (Object.keys(patch).length === 0) {
    return redirectWith(deps, c, listPath, { kind: "info", text: `Nothing changed for ${fullName(current)}.` })
  }
  const result = await attempt(() =>
    deps.run(editTrainerDetails(c, deps, userId, decodeOrRefuse(TrainerPatchBody, patch))),
  )
  if (!result.ok) return editPage(deps, c, result.problem.detail, { ...current, ...wanted })
  return redirectWith(deps, c, listPath, outcomeText(`Saved ${wanted.firstName} ${wanted.lastName}`, result.value))
}
