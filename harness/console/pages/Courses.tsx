/**
 * The Courses tab: Docebo's ILT and VILT courses with how their sync went, filtered and paged in the database; a
 * failed sync shows its error in full; each row jumps to the course's page in Docebo, in a new tab.
 */
import { Effect } from "effect"
import type { CourseStatus } from "../../../adapters/store/CourseStatus.ts"
import { Store } from "../../../adapters/store/Store.ts"
import { Systems } from "../../service/Systems.ts"
import { type ConsoleContext, type ConsoleDeps, frameOf, hrefWith, renderPage } from "../Deps.ts"
import { pageNumber } from "../Forms.ts"
import { Page, Pager } from "../Layout.tsx"

const statuses = ["synced", "pending", "error", "never"] as const
type StatusFilter = (typeof statuses)[number]
const statusLabels: Record<StatusFilter, string> = {
  synced: "Synchronized",
  pending: "Pending",
  error: "Error",
  never: "Never synchronized",
}
const pageSize = 25

const typeLabel = (type: CourseStatus["type"]) =>
  type === "ilt" ? "ILT" : type === "vilt" ? "VILT" : String(type).toUpperCase()

const when = (iso: string | null) => (iso === null ? "Never" : iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC"))

const SyncCell = ({ course }: { course: CourseStatus }) => (
  <td>
    <span class={`status status-${course.status}`}>{statusLabels[course.status]}</span>
    {course.error === null ? null : <p class="error-text">{course.error}</p>}
    {course.warnings.length === 0 ? null : (
      <ul class="warnings">
        {course.warnings.map((warning) => (
          <li>{warning}</li>
        ))}
      </ul>
    )}
  </td>
)

const RowMenu = ({ course, doceboUrl }: { course: CourseStatus; doceboUrl: string | null }) =>
  doceboUrl === null ? (
    <td>—</td>
  ) : (
    <td>
      <details class="menu row-menu" data-menu>
        <summary>
          <span aria-hidden="true">⋯</span>
          <span class="visually-hidden">Actions for {course.code || course.name}</span>
        </summary>
        <div role="menu" aria-label={`Actions for ${course.code || course.name}`}>
          <a
            role="menuitem"
            href={`${doceboUrl}/course/edit/${encodeURIComponent(course.courseId)}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            Jump to Course Management
          </a>
        </div>
      </details>
    </td>
  )

export const coursesPage = async (deps: ConsoleDeps, c: ConsoleContext) => {
  const given = c.req.query("status") ?? ""
  const status = (statuses as ReadonlyArray<string>).includes(given) ? (given as StatusFilter) : undefined
  const search = (c.req.query("q") ?? "").slice(0, 200)
  const page = pageNumber(c.req.query("page"))
  const { found, links } = await deps.run(
    Effect.gen(function* () {
      const store = yield* Store
      const found = yield* store.queryCourseStatuses({
        ...(status ? { status } : {}),
        search,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      })
      return { found, links: yield* Effect.flatMap(Systems, (systems) => systems.links) }
    }),
  )
  const pages = Math.ceil(found.total / pageSize)
  const href = (to: number) => hrefWith("/console/courses", { status, q: search, page: to })
  return renderPage(
    c,
    <Page title="Courses" tab="courses" {...frameOf(deps, c)}>
      <p class="hint">
        Docebo is the master of courses: they are listed here as Docebo has them, and edited in Docebo's Course
        Management.
      </p>
      <form method="get" action="/console/courses" class="filters" aria-label="Search">
        <label>
          Search by code or name <input type="search" name="q" value={search} />
        </label>
        <label>
          Synchronize status{" "}
          <select name="status">
            <option value="">All</option>
            {statuses.map((value) => (
              <option value={value} selected={value === status}>
                {statusLabels[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <table>
        <caption class="visually-hidden">Courses</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Synchronize</th>
            <th scope="col">Last synchronized</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {found.items.length === 0 ? (
            <tr>
              <td colspan={6}>
                {found.total === 0 && search === "" && status === undefined
                  ? "No course yet: Synchronize (in the ⋯ menu) reads Docebo's ILT and VILT courses."
                  : "No course matches."}
              </td>
            </tr>
          ) : (
            found.items.map((course) => (
              <tr>
                <td class="nowrap">{course.code === "" ? <em>no code</em> : course.code}</td>
                <td>{course.name}</td>
                <td>{typeLabel(course.type)}</td>
                <SyncCell course={course} />
                <td class="nowrap">{when(course.lastSyncedAt)}</td>
                <RowMenu course={course} doceboUrl={links.doceboUrl} />
              </tr>
            ))
          )}
        </tbody>
      </table>
      <Pager page={page} pages={pages} total={found.total} href={href} noun="courses" />
    </Page>,
  )
}
