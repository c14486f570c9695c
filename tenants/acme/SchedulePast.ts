/**
 * Sessions that are over (autumn 2026): their Docebo copies hold the learners' attendance, and iltsync leaves them as
 * they are once they end before the sync horizon (engine/Horizon.ts). One of them was cancelled in TO afterwards, its
 * copy keeping its learners; a sync that reached back into history would hold its deletion for an approval.
 */
import { fullDay, morning, type SessionRow } from "./SessionBuilder.ts"

export const pastSchedule: ReadonlyArray<SessionRow> = [
  {
    id: "ses_ldr101_lon_2609",
    course: "LDR-101",
    name: "Leading High-Performing Teams – London, September 2026",
    status: "validated",
    trainer: "trn_james_whitfield",
    room: "room_lon_thames",
    slots: [fullDay("2026-09-15"), ["2026-09-16", "09:00", "16:00"]],
    min: 6,
    max: 14,
    docebo: { id: "2101", enrolled: 13 },
  },
  {
    id: "ses_hse110_lon_2610",
    course: "HSE-110",
    name: "Fire Safety Warden – London, October 2026",
    status: "validated",
    trainer: "trn_hannah_osei",
    room: "room_lon_abbey",
    slots: [["2026-10-06", "13:30", "16:30"]],
    min: 4,
    max: 8,
    docebo: { id: "2102", enrolled: 8 },
  },
  {
    id: "ses_ldr102_lon_2611",
    course: "LDR-102",
    name: "Giving Feedback – London, November 2026",
    status: "cancelled",
    trainer: "trn_oliver_grant",
    room: "room_lon_baker",
    slots: [morning("2026-11-03")],
    min: 4,
    max: 12,
    docebo: { id: "2103", enrolled: 5 },
  },
]
