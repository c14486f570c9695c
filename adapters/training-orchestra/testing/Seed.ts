import type { ToSeed } from "../../../simulators/training-orchestra/index.ts"

/**
 * A small, realistic Training Orchestra tenant: providers with their sites (one inactive), trainers of each, courses
 * linked to Docebo and one not, two locations with physical rooms, virtual rooms for two webinar accounts, and
 * sessions with sequences in every status.
 */
const seedRecords: ToSeed = {
  training_providers: [
    { id: "tp_acme", name: "Acme Training", site_id: "site_acme" },
    { id: "tp_beta", name: "Beta Coaching", site_id: "site_beta" },
    { id: "tp_gone", name: "Gone Ltd", site_id: "site_gone", active: false },
  ],
  sites: [
    {
      id: "site_acme",
      name: "Acme HQ",
      address: "12 avenue Foch",
      city: "Lyon",
      country: "FR",
      training_provider_id: "tp_acme",
    },
    { id: "site_beta", name: "Beta Coaching", city: "Brussels", country: "BE", training_provider_id: "tp_beta" },
    { id: "site_gone", name: "Gone Ltd", training_provider_id: "tp_gone" },
  ],
  trainers: [
    {
      id: "trn_ada",
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@acme.example",
      training_provider_id: "tp_acme",
      external_ref: "10",
    },
    {
      id: "trn_grace",
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@acme.example",
      training_provider_id: "tp_beta",
      external_ref: "11",
    },
    {
      id: "trn_idle",
      first_name: "Idle",
      last_name: "Trainer",
      email: "idle@acme.example",
      training_provider_id: "tp_gone",
      active: false,
    },
  ],
  courses: [
    { id: "crs_fls", code: "FLS-01", title: "Forklift Safety", modality: "onsite", external_ref: "1" },
    { id: "crs_neg", code: "NEG", title: "Negotiation Skills", modality: "online", language: "fr", external_ref: "2" },
    { id: "crs_xls", code: "XLS-ADV", title: "Excel Advanced", modality: "online", external_ref: "5" },
    { id: "crs_old", code: "OLD", title: "Retired course", modality: "onsite", active: false },
  ],
  locations: [
    { id: "loc_paris", name: "Paris HQ", address: "1 rue de Rivoli", city: "Paris", country: "FR" },
    { id: "loc_lyon", name: "Lyon Campus", address: "5 quai Perrache", city: "Lyon", country: "FR" },
  ],
  rooms: [
    { id: "room_a", location_id: "loc_paris", name: "Room A", seats: 12, kind: "physical" },
    { id: "room_b", location_id: "loc_paris", name: "Room B", seats: 8, kind: "physical" },
    { id: "room_amphi", location_id: "loc_lyon", name: "Amphi", kind: "physical" },
    { id: "room_zoom", name: "Zoom Training", kind: "virtual", webinar_tool: "zoom", external_ref: "1" },
    { id: "room_teams", name: "Teams Training", kind: "virtual", webinar_tool: "teams", external_ref: "2" },
  ],
  sessions: [
    {
      id: "ses_fls_march",
      course_id: "crs_fls",
      name: "Forklift Safety — Paris, March",
      status: "validated",
      min_participants: 3,
      max_participants: 12,
      trainer_id: "trn_ada",
      location_id: "loc_paris",
      room_id: "room_a",
      completion_mode: "attendance",
      external_ref: "100",
      sequences: [
        { id: "seq_fls_1", day: "2025-03-10", start: "09:00", end: "17:00", timezone: "Europe/Paris" },
        { id: "seq_fls_2", day: "2025-03-11", start: "09:00", end: "12:30", timezone: "Europe/Paris" },
      ],
    },
    {
      id: "ses_fls_june",
      course_id: "crs_fls",
      name: "Forklift Safety — Lyon, June",
      trainer_id: "trn_ada",
      location_id: "loc_lyon",
      room_id: "room_amphi",
      sequences: [{ id: "seq_june_1", day: "2025-06-02", start: "09:00", end: "17:00", timezone: "Europe/Paris" }],
    },
    {
      id: "ses_neg_online",
      course_id: "crs_neg",
      name: "Negotiation Skills — online",
      status: "validated",
      max_participants: 20,
      trainer_id: "trn_grace",
      room_id: "room_zoom",
      completion_mode: "manual",
      external_ref: "102",
      sequences: [
        {
          id: "seq_neg_1",
          day: "2025-03-20",
          start: "10:00",
          end: "11:30",
          timezone: "America/New_York",
          duration_minutes: 90,
        },
      ],
    },
    {
      id: "ses_xls",
      course_id: "crs_xls",
      name: "Excel Advanced — two mornings",
      status: "cancelled",
      room_id: "room_teams",
      sequences: [
        { id: "seq_xls_1", day: "2025-05-05", start: "09:00", end: "12:00", timezone: "UTC" },
        { id: "seq_xls_2", day: "2025-05-06", start: "09:00", end: "12:00", timezone: "UTC" },
      ],
    },
  ],
}

/** Each record last changed at its own minute of December 2024, as in a tenant with a history. */
const withHistory = (seed: ToSeed): ToSeed => {
  let minute = 0
  const stamp = <R extends object>(records: ReadonlyArray<R> | undefined) =>
    records?.map((record) => ({
      ...record,
      updated_at: new Date(Date.UTC(2024, 11, 1) + 60_000 * ++minute).toISOString(),
    }))
  return {
    training_providers: stamp(seed.training_providers),
    sites: stamp(seed.sites),
    trainers: stamp(seed.trainers),
    courses: stamp(seed.courses),
    locations: stamp(seed.locations),
    rooms: stamp(seed.rooms),
    sessions: stamp(seed.sessions),
  }
}

export const toSeed: ToSeed = withHistory(seedRecords)
