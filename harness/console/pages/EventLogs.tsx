/**
 * The Event Logs tab: newest first by *Last Update*, or by *Action*; a date range; pages that go on from the last row
 * shown. Details are shown as labelled values, not JSON.
 */
import { Effect } from "effect"
import type { LogEvent } from "../../../adapters/store/EventLog.ts"
import type { Json } from "../../../adapters/store/Json.ts"
import { Store } from "../../../adapters/store/Store.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, hrefWith, renderPage } from "../Deps.ts"
import { Page } from "../Layout.tsx"
import { attempt } from "../Problems.ts"

const path = "/console/event-logs"
const pageSize = 50

/** `jobId` → "Job id": the keys iltsync writes are camelCase. */
const labelOf = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const valueText = (value: Json): string => {
  if (value === null) return "—"
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueText).join(", ")
  if (typeof value === "object")
    return Object.entries(value)
      .map(([key, inner]) => `${labelOf(key)}: ${valueText(inner as Json)}`)
      .join("; ")
  return String(value)
}

const Details = ({ details }: { details: Json | null }) => {
  if (details === null) return <span>—</span>
  if (typeof details !== "object" || Array.isArray(details)) return <span>{valueText(details)}</span>
  return (
    <dl class="details">
      {Object.entries(details).map(([key, value]) => (
        <>
          <dt>{labelOf(key)}</dt>
          <dd>{valueText(value as Json)}</dd>
        </>
      ))}
    </dl>
  )
}

const when = (iso: string) => iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC")

export const eventLogsPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const sort = c.req.query("sort") === "action" ? "action" : "time"
  const given = c.req.query("order")
  const order: "asc" | "desc" | undefined = given === "asc" || given === "desc" ? given : undefined
  const from = c.req.query("from") ?? ""
  const to = c.req.query("to") ?? ""
  const cursor = c.req.query("cursor")
  const query = {
    sort,
    ...(order ? { order } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(cursor ? { cursor } : {}),
    limit: pageSize,
  } as const
  const result = await attempt(() => deps.run(Effect.flatMap(Store, (store) => store.queryEvents(query))))
  const page = result.ok ? result.value : { items: [] as ReadonlyArray<LogEvent>, nextCursor: null }
  const filters = { from, to }
  const sortHref = (by: "time" | "action") => {
    const flip = sort === by ? ((order ?? (by === "time" ? "desc" : "asc")) === "asc" ? "desc" : "asc") : undefined
    return hrefWith(path, { ...filters, sort: by, order: flip })
  }
  const sortState = (by: "time" | "action") =>
    sort === by ? ((order ?? (by === "time" ? "desc" : "asc")) === "asc" ? "ascending" : "descending") : "none"
  return renderPage(
    c,
    <Page title="Event Logs" tab="event-logs" {...frameOf(deps, c)}>
      <form method="get" action={path} class="filters" aria-label="Filter by date">
        <input type="hidden" name="sort" value={sort} />
        <label>
          From <input type="date" name="from" value={from} />
        </label>
        <label>
          To <input type="date" name="to" value={to} />
        </label>
        <button type="submit">Filter</button>
        {from || to ? <a href={hrefWith(path, { sort })}>Clear dates</a> : null}
      </form>
      {result.ok ? null : (
        <p class="error-text" role="alert">
          {result.problem.detail}
        </p>
      )}
      <table>
        <caption class="visually-hidden">Event Logs</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={sortState("time")}>
              <a href={sortHref("time")}>Last Update</a>
            </th>
            <th scope="col">ID User</th>
            <th scope="col" aria-sort={sortState("action")}>
              <a href={sortHref("action")}>Action</a>
            </th>
            <th scope="col">ID Target</th>
            <th scope="col">IP address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {page.items.length === 0 ? (
            <tr>
              <td colspan={6}>No event in this range.</td>
            </tr>
          ) : (
            page.items.map((event) => (
              <tr>
                <td class="nowrap">{when(event.at)}</td>
                <td>{event.user}</td>
                <td>{event.action}</td>
                <td>{event.target ?? ""}</td>
                <td>{event.ip ?? ""}</td>
                <td>
                  <Details details={event.details} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <nav class="pager" aria-label="Event pages">
        {cursor ? <a href={hrefWith(path, { ...filters, sort, order })}>First page</a> : null}
        {page.nextCursor ? (
          <a href={hrefWith(path, { ...filters, sort, order, cursor: page.nextCursor })} rel="next">
            Next page
          </a>
        ) : null}
      </nav>
    </Page>,
  )
}
