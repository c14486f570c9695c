/**
 * The page every console view sits in: the seed's Training Orchestra page, with its tabs, the ellipsis menu of
 * actions on the whole integration, and the operator's name with *Sign out*. Links and forms work without script;
 * the script only adds live progress, keyboard moves in tabs and menus, and confirmations.
 */
import type { Child, FC, PropsWithChildren } from "hono/jsx"

export const tabs = [
  { id: "courses", label: "Courses", href: "/console/courses" },
  { id: "training-providers", label: "Training Providers", href: "/console/training-providers" },
  { id: "trainers", label: "Trainers", href: "/console/trainers" },
  { id: "credentials", label: "Credentials", href: "/console/credentials" },
  { id: "event-logs", label: "Event Logs", href: "/console/event-logs" },
] as const

export type TabId = (typeof tabs)[number]["id"]

export interface Flash {
  readonly kind: "done" | "error" | "info"
  readonly text: string
}

export interface PageFrame {
  readonly title: string
  readonly operator: string
  readonly csrf: string
  /** The tab this page belongs to; none for pages of the menu (the plan, a job). */
  readonly tab: TabId | null
  readonly flash?: Flash | null
  /** The tab's own actions, right of the title (the seed's plus button). */
  readonly actions?: Child
}

export const CsrfField: FC<{ readonly csrf: string }> = ({ csrf }) => <input type="hidden" name="_csrf" value={csrf} />

export const FlashMessage: FC<{ readonly flash: Flash | null | undefined }> = ({ flash }) =>
  flash ? (
    <p class={`flash flash-${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
      {flash.text}
    </p>
  ) : null

/** The seed's ellipsis menu in the top right corner, plus *Review Plan*. */
const EllipsisMenu: FC<{ readonly csrf: string }> = ({ csrf }) => (
  <details class="menu" data-menu>
    <summary>
      <span aria-hidden="true">⋯</span>
      <span class="visually-hidden">Training Orchestra actions</span>
    </summary>
    <div role="menu" aria-label="Training Orchestra actions">
      <button type="submit" form="synchronize" role="menuitem">
        Synchronize
      </button>

      <a role="menuitem" href="/console/webinar-accounts.csv" download>
        Download Webinar Account List
      </a>

      <a role="menuitem" href="/console/access" target="_blank" rel="noopener noreferrer">
        Access Your Training Orchestra Platform
      </a>

      <a role="menuitem" href="/console/plan">
        Review Plan
      </a>

      <a role="menuitem" href="/console/jobs">
        Jobs
      </a>
    </div>
    {/* Outside the menu, whose children are its items only; the item submits it. */}
    <form id="synchronize" method="post" action="/console/synchronize" hidden>
      <CsrfField csrf={csrf} />
    </form>
  </details>
)

export const Page: FC<PropsWithChildren<PageFrame>> = (props) => {
  const current = tabs.find((tab) => tab.id === props.tab)
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Training Orchestra · iltsync`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/console.js" defer />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="top">
          <h1>Training Orchestra</h1>
          <div class="top-actions">
            <EllipsisMenu csrf={props.csrf} />
            <span class="operator">Signed in as {props.operator}</span>
            <form method="post" action="/console/sign-out">
              <CsrfField csrf={props.csrf} />
              <button type="submit" class="link">
                Sign out
              </button>
            </form>
          </div>
        </header>
        <nav aria-label="Training Orchestra sections">
          <div role="tablist" aria-label="Training Orchestra sections" data-tabs>
            {tabs.map((tab) => (
              <a
                role="tab"
                id={`tab-${tab.id}`}
                href={tab.href}
                aria-selected={tab.id === props.tab ? "true" : "false"}
                {...(tab.id === props.tab ? { "aria-controls": "tabpanel" } : { tabindex: -1 })}
              >
                {tab.label}
              </a>
            ))}
          </div>
        </nav>
        {/* The tab panel sits inside the main landmark: a role on <main> itself would take the landmark away. */}
        <main id="content" tabindex={-1}>
          <div id="tabpanel" {...(current ? { role: "tabpanel", "aria-labelledby": `tab-${current.id}` } : {})}>
            <div class="title-row">
              <h2>{props.title}</h2>
              {props.actions ?? null}
            </div>
            <FlashMessage flash={props.flash} />
            {props.children}
          </div>
        </main>
      </body>
    </html>
  )
}

/** The seed's plus button in the top right corner of a tab, with its one or more choices. */
export const PlusMenu: FC<{
  readonly label: string
  readonly items: ReadonlyArray<{ label: string; href: string }>
}> = (props) => (
  <details class="menu plus" data-menu>
    <summary>
      <span aria-hidden="true">+</span>
      <span class="visually-hidden">{props.label}</span>
    </summary>
    <div role="menu" aria-label={props.label}>
      {props.items.map((item) => (
        <a role="menuitem" href={item.href}>
          {item.label}
        </a>
      ))}
    </div>
  </details>
)

/** Previous and next page links that keep the filters; the count says where the operator is. */
export const Pager: FC<{
  readonly page: number
  readonly pages: number
  readonly total: number
  readonly href: (page: number) => string
  readonly noun: string
}> = (props) => (
  <nav class="pager" aria-label={`${props.noun} pages`}>
    {props.page > 1 ? (
      <a href={props.href(props.page - 1)} rel="prev">
        Previous page
      </a>
    ) : null}
    <span>
      Page {props.page} of {Math.max(1, props.pages)} · {props.total} {props.noun}
    </span>
    {props.page < props.pages ? (
      <a href={props.href(props.page + 1)} rel="next">
        Next page
      </a>
    ) : null}
  </nav>
)
