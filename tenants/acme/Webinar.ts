/**
 * Acme's webinar accounts in Docebo and the TO virtual rooms made from them. The Teams EMEA account was added after
 * the accounts were last pushed to TO, so it has no virtual room yet; the Zoom version 3 account never gets one
 * (Training Orchestra does not support it).
 */
import {
  type DoceboWebinarAccount,
  DoceboWebinarAccountId,
  type ToRoom,
  ToRoomId,
  type WebinarTool,
} from "../../engine/Model.ts"

interface AccountRow {
  readonly id: string
  readonly tool: WebinarTool
  readonly name: string
  readonly email: string
  /** The TO virtual room mirroring the account, when there is one, and its capacity. */
  readonly room?: { readonly id: string; readonly seats: number }
}

const accountRows: ReadonlyArray<AccountRow> = [
  {
    id: "51",
    tool: "zoom",
    name: "Acme Zoom – Training 1",
    email: "zoom-training1@acme-corp.example",
    room: { id: "room_zoom_1", seats: 100 },
  },
  {
    id: "52",
    tool: "zoom",
    name: "Acme Zoom – Training 2",
    email: "zoom-training2@acme-corp.example",
    room: { id: "room_zoom_2", seats: 100 },
  },
  {
    id: "53",
    tool: "teams",
    name: "Acme Teams – Live Events",
    email: "teams-live@acme-corp.example",
    room: { id: "room_teams_live", seats: 300 },
  },
  {
    id: "54",
    tool: "webex",
    name: "Acme Webex Training Center",
    email: "webex-training@acme-corp.example",
    room: { id: "room_webex", seats: 200 },
  },
  {
    id: "55",
    tool: "gotomeeting",
    name: "GoToMeeting – Sales Academy",
    email: "sales-academy@acme-corp.example",
    room: { id: "room_goto", seats: 50 },
  },
  { id: "56", tool: "zoom_v3", name: "Zoom v3 – Marketing Webinars", email: "marketing-webinars@acme-corp.example" },
  { id: "57", tool: "teams", name: "Acme Teams – EMEA", email: "teams-emea@acme-corp.example" },
]

export const acmeWebinarAccounts: ReadonlyArray<DoceboWebinarAccount> = accountRows.map((row) => ({
  id: DoceboWebinarAccountId.make(row.id),
  tool: row.tool,
  name: row.name,
  email: row.email,
}))

export const acmeVirtualRooms: ReadonlyArray<ToRoom> = accountRows.flatMap((row) =>
  row.room === undefined
    ? []
    : [
        {
          id: ToRoomId.make(row.room.id),
          locationId: null,
          name: row.name,
          seats: row.room.seats,
          kind: "virtual" as const,
          webinarTool: row.tool,
          active: true,
          externalRef: DoceboWebinarAccountId.make(row.id),
        },
      ],
)

/** The Docebo account behind a TO virtual room: online events are held on it. */
export const accountOfRoom = (roomId: string) => {
  const row = accountRows.find((account) => account.room?.id === roomId)
  return row === undefined ? undefined : { id: DoceboWebinarAccountId.make(row.id), tool: row.tool }
}
