/**
 * *Review Plan*: a fresh dry run, summary first (counts per entity and action), then the warnings, the held ops with
 * their reason and an *Approve* button (applied at once, logged with the operator's name), the blocked ops with
 * theirs, and the changes: changed fields only, ops making the same change shown once with the records they touch.
 */
import { entityName, systemName } from "../../../engine/diff/Names.ts"
import { actions, type Change, type Op, type PlanDocument, type Value, type Warning } from "../../../engine/Plan.ts"
import { fieldOf, groupOps, historyLine, sameChanges } from "../../../engine/Render.ts"
import { approveHeldOp } from "../../service/Approve.ts"
import { freshPlan } from "../../service/routes/Sync.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, redirectWith, renderPage } from "../Deps.ts"
import { CsrfField, Page } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const path = "/console/plan"
/** How many records a group names before it says how many more. */
const named = 12

const entityLabel = (entity: string) => entityName[entity] ?? entity
const what = (op: Op) => `${op.action} ${entityLabel(op.entity)} in ${systemName[op.system]}`

const shown = (value: Value) => {
  const text = typeof value === "string" ? value : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}

const ChangeItem = ({ change }: { change: Change }) => (
  <li>
    <code>{change.path}</code>:{" "}
    {change.from === null ? (
      <ins>{shown(change.to)}</ins>
    ) : change.to === null ? (
      <del>{shown(change.from)}</del>
    ) : (
      <>
        <del>{shown(change.from)}</del> → <ins>{shown(change.to)}</ins>
      </>
    )}
  </li>
)

const Records = ({ ops }: { ops: ReadonlyArray<Op> }) => (
  <p class="records">
    Records:{" "}
    {ops
      .slice(0, named)
      .map((op) => op.key)
      .join(", ")}
    {ops.length > named ? ` and ${ops.length - named} more` : ""}
  </p>
)

const Group = ({ ops }: { ops: ReadonlyArray<Op> }) => {
  const first = ops[0] as Op
  const title = `${what(first)}${ops.length > 1 ? ` × ${ops.length}` : ` ${first.key}`}`
  if (ops.length === 1) {
    return (
      <section class="change">
        <h4>{title}</h4>
        <p class="hint">{first.reason}</p>
        <ul>
          {first.changes.map((change) => (
            <ChangeItem change={change} />
          ))}
        </ul>
      </section>
    )
  }
  if (first.action === "create") {
    const fields = [...new Set(first.changes.map((change) => fieldOf(change.path)))]
    return (
      <section class="change">
        <h4>{title}</h4>
        <p>Fields: {fields.join(", ")}</p>
        <Records ops={ops} />
      </section>
    )
  }
  if (ops.every((op) => sameChanges(op, first))) {
    return (
      <section class="change">
        <h4>{title}: the same change</h4>
        <ul>
          {first.changes.map((change) => (
            <ChangeItem change={{ ...change, path: fieldOf(change.path) }} />
          ))}
        </ul>
        <Records ops={ops} />
      </section>
    )
  }
  return (
    <section class="change">
      <h4>{title}</h4>
      <ul>
        {ops.slice(0, named).map((op) => (
          <li>
            {op.key}
            <ul>
              {op.changes.map((change) => (
                <ChangeItem change={change} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {ops.length > named ? <p>and {ops.length - named} more changing the same fields</p> : null}
    </section>
  )
}

const columns = [...actions, "held", "blocked"] as const

const Summary = ({ plan }: { plan: PlanDocument }) => (
  <table class="summary">
    <caption>Summary: records per entity and action</caption>
    <thead>
      <tr>
        <th scope="col">Entity</th>
        {columns.map((column) => (
          <th scope="col">{column}</th>
        ))}
      </tr>
    </thead>
    <tbody>
      {Object.entries(plan.summary).map(([entity, row]) => (
        <tr>
          <th scope="row">{entityLabel(entity)}</th>
          {columns.map((column) => (
            <td>{row[column]}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
)

const Warnings = ({ warnings }: { warnings: ReadonlyArray<Warning> }) => {
  const byCode = new Map<string, Warning[]>()
  for (const warning of warnings) byCode.set(warning.code, [...(byCode.get(warning.code) ?? []), warning])
  return (
    <section>
      <h3>Warnings ({warnings.length})</h3>
      {[...byCode.entries()].map(([code, list]) => (
        <details open={list.length <= 5}>
          <summary>
            {code.replaceAll("_", " ")} ({list.length})
          </summary>
          <ul>
            {list.map((warning) => (
              <li>{warning.message}</li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  )
}

/** Held ops with *Approve* (given the session's token), or blocked ops, each with its reason. */
const OpsTable = ({ ops, title, csrf }: { ops: ReadonlyArray<Op>; title: string; csrf?: string }) => (
  <section>
    <h3>
      {title} ({ops.length})
    </h3>
    <table>
      <caption class="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Record</th>
          <th scope="col">Reason</th>
          {csrf === undefined ? null : (
            <th scope="col">
              <span class="visually-hidden">Approve</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {ops.map((op) => (
          <tr>
            <td>{what(op)}</td>
            <td>{op.key}</td>
            <td>{op.reason}</td>
            {csrf === undefined ? null : (
              <td>
                <form method="post" action={`${path}/held/${encodeURIComponent(op.id)}/approve`}>
                  <CsrfField csrf={csrf} />
                  <button type="submit" class="primary" aria-label={`Approve: ${what(op)} ${op.key}`}>
                    Approve
                  </button>
                </form>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

export const planPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const result = await attempt(() => deps.run(freshPlan(c)))
  const frame = frameOf(deps, c)
  if (!result.ok) {
    return renderPage(
      c,
      <Page title="Review Plan" tab={null} {...frame}>
        <p class="error-text" role="alert">
          The plan could not be made: {result.problem.detail}
        </p>
      </Page>,
      502,
    )
  }
  const plan = result.value
  const ready = plan.ops.filter((op) => op.status === "ready")
  const held = plan.ops.filter((op) => op.status === "held")
  const blocked = plan.ops.filter((op) => op.status === "blocked")
  const horizon = historyLine(plan)
  return renderPage(
    c,
    <Page title="Review Plan" tab={null} {...frame}>
      <p class="hint">
        A dry run made just now: nothing has been changed. Synchronize applies the ready changes; a held change waits
        for an approval here.
      </p>
      {horizon === null ? null : <p class="hint horizon">{horizon}</p>}
      {plan.ops.length === 0 ? (
        <p class="flash flash-done">No changes: Docebo and Training Orchestra are in step.</p>
      ) : (
        <>
          <p>
            {ready.length} ready, {held.length} held, {blocked.length} blocked.
          </p>
          <Summary plan={plan} />
        </>
      )}
      {plan.warnings.length > 0 ? <Warnings warnings={plan.warnings} /> : null}
      {held.length > 0 ? <OpsTable ops={held} title="Held for your approval" csrf={c.get("csrf")} /> : null}
      {blocked.length > 0 ? <OpsTable ops={blocked} title="Blocked" /> : null}
      {ready.length > 0 ? (
        <section>
          <h3>Changes ({ready.length})</h3>
          {groupOps(ready).map((ops) => (
            <Group ops={ops} />
          ))}
        </section>
      ) : null}
    </Page>,
  )
}

export const approvePost = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const opId = c.req.param("opId") ?? ""
  const result = await attempt(() => deps.run(approveHeldOp(opId, { actor: c.get("actor"), ip: c.get("ip") })))
  if (!result.ok) return redirectWith(deps, c, path, { kind: "error", text: result.problem.detail })
  return redirectWith(deps, c, path, { kind: "done", text: "Approved and applied." })
}
