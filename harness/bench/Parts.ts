/** The calls, convergence and service parts as the report shows them: inputs, tables, goals and notes. */
import { totalOf } from "./Bounds.ts"
import { auditCourses, callGoals, type TenantCalls } from "./Calls.ts"
import { type ConvergeFigures, convergeGoals } from "./Converge.ts"
import { fmt, type PartResult } from "./Report.ts"
import { type ServiceFigures, serviceGoals } from "./ServiceLoad.ts"
import { doceboProfileInput } from "./World.ts"

const split = (f: { doceboReads: number; doceboWrites: number; toReads: number; toWrites: number }) =>
  `${fmt(f.doceboReads)} / ${fmt(f.doceboWrites)} / ${fmt(f.toReads)} / ${fmt(f.toWrites)}`

export const callsPart = (tenants: ReadonlyArray<TenantCalls>): PartResult => ({
  title: "API calls per run, against the lower bound and a naive full push",
  inputs: [
    `Tenants: ${tenants.map((t) => `${t.tenant} (${fmt(t.courses)} ILT/VILT courses, ${fmt(t.sessions)} TO sessions)`).join(", ")}; both simulators and iltsync in one process through the real adapters, a SQLite store and the service's own runner (its run lock and the options it gives each scope), no rate limits (harness/bench/World.ts). TO records are seeded with distinct update stamps a second apart, as a live tenant has them (seeded all at one instant, every incremental read would return them all again, since \`updated_since\` is inclusive).`,
    "Runs, in order, on one store and one token per system (as the service keeps them): the first sync (empty store); a no-change periodic reconcile; a TO planner moves one session (`/__sim/act update_session`) and the run its `session.updated` webhook makes, scoped as the service's inbox scopes it (the course's code, `listings` TO sessions only; the runner gives scoped runs `auditCourses: 0`, the drift audit being the periodic run's); the webhooks Docebo raises for that run's write (its echoes), handed to the service's own inbox, and the run one of them would start were it taken for a change (its course, that course's Docebo sessions only); a Docebo admin creates an ILT course through the API and the run its `course.created` webhook makes (that course, `listings` both systems' courses).",
    ...[...new Set(tenants.map((t) => t.doceboProfile))].map(doceboProfileInput),
    `Calls are counted by the adapters (token calls count as reads). The no-change reconcile is the service's periodic one: \`full: true\`, \`auditCourses: ${auditCourses}\` (the engine's default, which the service keeps for full runs).`,
    "Lower bound (Bounds.ts): a full read is every page of every listing at the largest page (Docebo 200, TO 500; Docebo lists sessions per course and events per session, so one page per course and per session) plus one token call per system and the domain check; an endpoint the tenant lacks, its one 404; Docebo users one by one for iltsync's trainers (the users TO trainers are stamped with; no instructor flag is read) or in full, whichever is fewer; one write per changed record (a create or delete is one, an update one for its own fields plus one per event touched, an adoption that changes nothing none), counted from the plan's ready ops. One-session change: 1 TO read (sessions since the cursor) + 1 Docebo read (that session's events) + 1 write. Course creation: 1 Docebo read (the course) + 1 TO read (courses since the cursor, for adoption by code) + 1 write.",
    `Drift-audit budget: Docebo's small listings in full (courses, locations, classrooms, users, webinar accounts) + every TO listing in full + ${auditCourses} courses' sessions and events at the cost of the costliest courses; no write.`,
    "Naive full push: the full read plus one write per synced record on its replica side (TO courses, trainers, virtual rooms; Docebo sessions, events, locations, classrooms), every run.",
  ],
  tables: [
    {
      caption: "Calls per run (Docebo reads / Docebo writes / TO reads / TO writes)",
      header: [
        "tenant",
        "run",
        "iltsync",
        "total",
        "bound",
        "bound total",
        "÷ bound",
        "naive push total",
        "÷ naive",
        "tokens",
      ],
      rows: tenants.flatMap((t) =>
        t.rows.map((row) => [
          t.tenant,
          row.run,
          split(row.calls),
          fmt(totalOf(row.calls)),
          split(row.bound),
          fmt(totalOf(row.bound)),
          totalOf(row.bound) === 0 ? "—" : fmt(totalOf(row.calls) / totalOf(row.bound), 2),
          fmt(totalOf(row.naive)),
          fmt(totalOf(row.calls) / totalOf(row.naive), 4),
          fmt(row.tokenCalls),
        ]),
      ),
    },
    {
      caption: "Where the calls of each run went (system, method, path: count)",
      detail: true,
      header: ["tenant", "run", "options", "calls by route"],
      rows: tenants.flatMap((t) =>
        t.rows.map((row) => [
          t.tenant,
          row.run,
          row.options,
          Object.entries(row.byRoute)
            .map(([route, count]) => `${route.replace(/ 20[01]$/, "")}: ${fmt(count)}`)
            .join("; "),
        ]),
      ),
    },
  ],
  goals: callGoals(tenants),
  notes: [],
  figures: tenants,
})

export const convergePart = (figures: ConvergeFigures): PartResult => ({
  title: "Convergence under the real limits",
  inputs: [
    `Tenant ${figures.tenant}: ${fmt(figures.courses)} courses, ${fmt(figures.sessions)} TO sessions; the first sync on an empty store (\`full: true\`, background priority, through the service's runner: it reads without the run lock and takes it to start and to plan and apply, on its read brought up to date with the runs that finished meanwhile).`,
    "Docebo simulator limited to 1,000 calls an hour (leaky bucket, burst 1,000), TO to 10 a second (burst 20); iltsync's budgets as shipped (5% kept in hand). Simulators, budgets and engine read one virtual clock (adapters/http/testing/VirtualClock.ts): time moves only when every fiber waits on it.",
    `${figures.courseSyncs.length} times during the first sync (every ${fmt(figures.intervalMinutes, 1)} simulated minutes) a TO planner moves one session of another course, and the run its \`session.updated\` webhook makes is started through the service's runner as its inbox scopes it (the course's code, \`listings\` TO sessions only), at \`interactive\` priority. Latency: from the move to the run's end, in simulated seconds; the wait for the run lock and the run itself are shown apart. A course sync counts as failed when Docebo's event does not show the move once it ends; the latency goal is taken until Docebo showed it, whichever run put it there. Calls are split by priority (the adapters count them): the first sync's are its background calls.`,
    "429 answers are counted from both simulators' call logs over the whole scenario.",
    `The next two weeks: the ${fmt(figures.soonest.sessions)} validated TO sessions (of ${fmt(figures.soonest.courses)} courses) that start within 14 days of the first sync's start and are not over; every simulated five minutes Docebo's records are looked at, until each has a Docebo copy (by its stamp) with an event on each of its days. A first sync reads the courses with such a session first, and plans and applies them before reading on (harness/service/Runner.ts).`,
    `Steady state: once the first sync is over and the service has been idle an hour, ${fmt(figures.steady.moves)} moves, one a simulated minute, each of another course's live session (its first slot 14 days later) and the run its webhook makes (as above); latency from the move until the run ended with Docebo's event showing it. The webhook's own delivery is not part of it.`,
    doceboProfileInput(figures.doceboProfile),
  ],
  tables: [
    {
      caption: "First sync",
      header: [
        "Docebo calls",
        "TO calls",
        "simulated hours",
        "Docebo calls ÷ 1,000 (h)",
        "ratio",
        "429 Docebo",
        "429 TO",
        "wall seconds",
      ],
      rows: [
        [
          fmt(figures.doceboCalls),
          fmt(figures.toCalls),
          fmt(figures.hours, 2),
          fmt(figures.limitHours, 2),
          fmt(figures.ratio, 3),
          fmt(figures.rejected.docebo),
          fmt(figures.rejected.to),
          fmt(figures.wallSeconds, 0),
        ],
      ],
    },
    {
      caption: "The next two weeks, and the steady state",
      header: [
        "sessions in the next 14 days",
        "their courses",
        "all in Docebo after (simulated h)",
        "steady moves",
        "p50 s",
        "p95 s",
        "max s",
        "not in Docebo",
      ],
      rows: [
        [
          fmt(figures.soonest.sessions),
          fmt(figures.soonest.courses),
          fmt(figures.soonest.inDoceboAfterH, 2),
          fmt(figures.steady.moves),
          fmt(figures.steady.p50S, 1),
          fmt(figures.steady.p95S, 1),
          fmt(figures.steady.maxS, 1),
          fmt(figures.steady.failed),
        ],
      ],
    },
    {
      caption: `Webhook-triggered course syncs during the first sync, from the move until Docebo showed it: p50 ${fmt(figures.p50S, 0)} s, p95 ${fmt(figures.p95S, 0)} s, max ${fmt(figures.maxS, 0)} s; p95 of the course syncs' running part alone ${fmt(figures.ranP95S, 0)} s`,
      header: [
        "course",
        "started at (h)",
        "waited for the run lock (s)",
        "ran (s)",
        "run's total (s)",
        "in Docebo after (s)",
        "failed",
      ],
      rows: figures.courseSyncs.map((sync) => [
        sync.course,
        fmt(sync.startedAtHour, 2),
        fmt(sync.waitedS, 0),
        fmt(sync.ranS, 0),
        fmt(sync.totalS, 0),
        fmt(sync.convergedS, 0),
        sync.failed ?? "",
      ]),
    },
  ],
  goals: convergeGoals(figures),
  notes: [],
  figures,
})

/** `figures`: the service as `serve` runs it, its runs on a thread of their own; `onServiceThread`: the same loads with the runs on the thread that answers requests. */
export const servicePart = (figures: ServiceFigures, onServiceThread: ServiceFigures): PartResult => {
  const load = (name: string, r: ServiceFigures["fastest"]) => [
    name,
    fmt(r.requests),
    `${fmt(r.errors)} (${fmt(r.timedOut)} timed out)`,
    fmt(r.seconds, 1),
    fmt(r.perSecond, 0),
    fmt(r.p50Ms, 2),
    fmt(r.p99Ms, 2),
    fmt(r.maxMs, 1),
  ]
  const { inbox } = figures
  return {
    title: "Service throughput over HTTP on loopback",
    inputs: [
      "The service in-process (`makeService`, SQLite store in a temporary folder, its runs on a thread of their own with a store connection of their own, as `iltsync serve` runs them: harness/service/RunsThread.ts) served by @hono/node-server on 127.0.0.1, both simulators (acme) behind it in a child process of their own serving them over loopback HTTP (SimulatorHost.ts: in production the systems are remote, and an in-process `app.request` would both put their work on the service's event loop and let no request in while a run reads, its calls never waiting for I/O), its first sync made through `POST /sync`; the load generator (LoadClient.ts, keep-alive node:http) in another child process.",
      `Webhooks: TO \`session.updated\` deliveries naming acme's sessions, HMAC-signed, a fresh message id each except every 20th, which repeats an earlier id; ${figures.settings.connections} connections for ${figures.settings.seconds} s as fast as answered, then ${fmt(figures.settings.rate)}/s at a fixed rate for ${figures.settings.seconds} s (latency taken from when each request was due; a request unanswered 5 s after it was due is an error). The inbox's worker syncs the named courses meanwhile, on the runs thread, as in production. Before them, the same load with \`trainer.updated\` events (which TO never sends, so iltsync settles them without a run) isolates the cost of accepting a webhook, once before the first sync (empty store) and once after. The inbox is left to drain (at most 180 s) between loads.`,
      `Once the first sync is over, the fixed-rate load is sent once on acme's own 42 course statuses; then the store gets ${fmt(figures.settings.courses)} course statuses and \`GET /courses\` is loaded with 4 connections for ${figures.settings.seconds} s, before the other webhook loads.`,
    ],
    tables: [
      {
        caption: "Load",
        header: ["load", "requests", "errors", "seconds", "per second", "p50 ms", "p99 ms", "max ms"],
        rows: [
          load("webhooks settled without a run, store empty (before the first sync)", figures.acceptanceEmpty),
          load("webhooks settled without a run, after the first sync", figures.acceptanceOnly),
          load("webhooks, as fast as answered", figures.fastest),
          load(`webhooks at ${fmt(figures.settings.rate)}/s`, figures.atRate),
          load(
            `webhooks at ${fmt(figures.settings.rate)}/s, before the ${fmt(figures.settings.courses)} course statuses`,
            figures.atRateFewStatuses,
          ),
          load("webhooks, as fast as answered, runs on the service's thread", onServiceThread.fastest),
          load(`webhooks at ${fmt(figures.settings.rate)}/s, runs on the service's thread`, onServiceThread.atRate),
          load(
            `webhooks at ${fmt(figures.settings.rate)}/s, runs on the service's thread, before the course statuses`,
            onServiceThread.atRateFewStatuses,
          ),
          load(
            `GET /courses (${fmt(figures.settings.courses)} courses, ${fmt(figures.courses.bodyKb, 0)} KiB)`,
            figures.courses,
          ),
        ],
      },
      {
        caption: "Inbox afterwards",
        header: [
          "accepted as new",
          "repeats sent",
          "repeats recognised",
          "rows stored",
          "lost",
          "accepted twice",
          "unprocessed",
          "drain s",
        ],
        rows: [
          [
            fmt(inbox.accepted),
            fmt(
              figures.fastest.duplicatesSent + figures.atRate.duplicatesSent + figures.atRateFewStatuses.duplicatesSent,
            ),
            fmt(
              figures.fastest.duplicatesRecognised +
                figures.atRate.duplicatesRecognised +
                figures.atRateFewStatuses.duplicatesRecognised,
            ),
            fmt(inbox.stored),
            fmt(inbox.lost),
            fmt(inbox.acceptedTwice),
            fmt(inbox.unprocessed),
            fmt(inbox.drainSeconds, 1),
          ],
        ],
      },
    ],
    goals: serviceGoals(figures),
    notes: [
      "A webhook's acceptance: the body read from the socket (not through a WHATWG Request), the signature checked, the envelope decoded and the delivery stored before the 200. Deliveries received in one turn of the event loop are committed in one transaction, each answered once it has committed; the store runs SQLite in WAL mode with `synchronous = NORMAL` (a commit survives the process crashing, not a power cut before the next checkpoint).",
      `The inbox's worker takes what is pending 50 ms after a quiet spell and at most every 500 ms under a steady stream, up to 1,000 deliveries at a time, so a load of thousands a second costs about two runs a second. Each run blocks its thread's event loop in stretches (decoding what it reads from the simulators, planning, saving the known state). The rows marked "runs on the service's thread" are the same loads on a second service whose runs share the thread that answers requests (\`runs: "in-process"\`, the embedded default of the tests and of \`makeService\`): there every stretch delays the webhooks arriving meanwhile. The goals are taken from the service as \`serve\` runs it. On a machine of 2 cores the runs thread still shares them with the load generator and the simulators, and this figure moves from run to run by a factor of two or more; the rows "before the course statuses" are the same load right after the first sync, on acme's own 42 statuses: in the run that found this they were no faster, so the Courses tab's statuses are not shown to be what decides it.`,
      `The load generator, the service and the simulators share the machine's cores (the count is above); other work on the machine during the run lowers every figure. Its 1-minute load average was ${fmt(figures.loadAverage.before, 1)} as this part started and ${fmt(figures.loadAverage.after, 1)} as it ended (during the loads the service and the load generator alone keep about 2 busy).`,
    ],
    figures,
  }
}
