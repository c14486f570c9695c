/**
 * Acme's people: three training providers (one deactivated), twelve trainers who are Docebo instructors with a TO
 * trainer stamped with their user id, and the learners who fill the sessions.
 */
import {
  type DoceboUser,
  DoceboUserId,
  ToProviderId,
  type ToSite,
  ToSiteId,
  type ToTrainer,
  ToTrainerId,
  type ToTrainingProvider,
} from "../../engine/Model.ts"

interface ProviderRow {
  readonly id: string
  readonly name: string
  readonly active: boolean
  readonly site: { readonly id: string; readonly address: string; readonly city: string; readonly country: string }
}

const providerRows: ReadonlyArray<ProviderRow> = [
  {
    id: "prv_academy",
    name: "Acme Corporate Academy",
    active: true,
    site: { id: "site_academy", address: "1 Parvis de La Défense", city: "Puteaux", country: "FR" },
  },
  {
    id: "prv_skillbridge",
    name: "SkillBridge Consulting Ltd",
    active: true,
    site: { id: "site_skillbridge", address: "80 Strand", city: "London", country: "GB" },
  },
  {
    // Deactivated in TO: its trainers' sessions already scheduled stay as they are; new ones are refused.
    id: "prv_formapro",
    name: "FormaPro Conseil",
    active: false,
    site: { id: "site_formapro", address: "12 Rue de la République", city: "Lyon", country: "FR" },
  },
]

interface TrainerRow {
  readonly userId: string
  readonly trainerId: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly providerId: string
  /** The last name TO still holds when it differs from Docebo's (Docebo is master: the first sync corrects it). */
  readonly toLastName?: string
}

const trainerRows: ReadonlyArray<TrainerRow> = [
  {
    userId: "1001",
    trainerId: "trn_claire_dubois",
    firstName: "Claire",
    lastName: "Dubois",
    email: "claire.dubois@acme-corp.example",
    providerId: "prv_academy",
  },
  {
    userId: "1002",
    trainerId: "trn_james_whitfield",
    firstName: "James",
    lastName: "Whitfield",
    email: "james.whitfield@acme-corp.example",
    providerId: "prv_academy",
  },
  {
    userId: "1003",
    trainerId: "trn_sophie_martin",
    firstName: "Sophie",
    lastName: "Martin-Leroy",
    email: "sophie.martin@acme-corp.example",
    providerId: "prv_academy",
    toLastName: "Martin",
  },
  {
    userId: "1004",
    trainerId: "trn_marcus_johnson",
    firstName: "Marcus",
    lastName: "Johnson",
    email: "marcus.johnson@acme-corp.example",
    providerId: "prv_academy",
  },
  {
    userId: "1005",
    trainerId: "trn_elena_rossi",
    firstName: "Elena",
    lastName: "Rossi",
    email: "elena.rossi@acme-corp.example",
    providerId: "prv_academy",
  },
  {
    userId: "1006",
    trainerId: "trn_thomas_becker",
    firstName: "Thomas",
    lastName: "Becker",
    email: "thomas.becker@acme-corp.example",
    providerId: "prv_academy",
  },
  {
    userId: "1007",
    trainerId: "trn_priya_nair",
    firstName: "Priya",
    lastName: "Nair",
    email: "priya.nair@skillbridge.example",
    providerId: "prv_skillbridge",
  },
  {
    userId: "1008",
    trainerId: "trn_oliver_grant",
    firstName: "Oliver",
    lastName: "Grant",
    email: "oliver.grant@skillbridge.example",
    providerId: "prv_skillbridge",
  },
  {
    userId: "1009",
    trainerId: "trn_hannah_osei",
    firstName: "Hannah",
    lastName: "Osei",
    email: "hannah.osei@skillbridge.example",
    providerId: "prv_skillbridge",
  },
  {
    userId: "1010",
    trainerId: "trn_david_cohen",
    firstName: "David",
    lastName: "Cohen",
    email: "david.cohen@skillbridge.example",
    providerId: "prv_skillbridge",
  },
  {
    userId: "1011",
    trainerId: "trn_julien_moreau",
    firstName: "Julien",
    lastName: "Moreau",
    email: "julien.moreau@formapro.example",
    providerId: "prv_formapro",
  },
  {
    userId: "1012",
    trainerId: "trn_camille_laurent",
    firstName: "Camille",
    lastName: "Laurent",
    email: "camille.laurent@formapro.example",
    providerId: "prv_formapro",
  },
]

const learnerNames: ReadonlyArray<readonly [string, string]> = [
  ["Alice", "Bernard"],
  ["Benjamin", "Carter"],
  ["Chloé", "Lefèvre"],
  ["Daniel", "Kim"],
  ["Emma", "Schneider"],
  ["Fatima", "Haddad"],
  ["George", "Evans"],
  ["Hugo", "Girard"],
  ["Isabella", "Conti"],
  ["Jack", "Thompson"],
  ["Keiko", "Tanaka"],
  ["Lucas", "Fontaine"],
  ["María", "García"],
  ["Noah", "Williams"],
  ["Olivia", "Brown"],
  ["Pierre", "Rousseau"],
  ["Quentin", "Marchand"],
  ["Rachel", "Adams"],
  ["Samuel", "Okafor"],
  ["Tara", "Singh"],
  ["Ursula", "Weber"],
  ["Victor", "Nguyen"],
  ["William", "Clarke"],
  ["Zoé", "Petit"],
]

/** Usernames and e-mail addresses are plain ASCII, as most identity providers issue them. */
const asciiHandle = (first: string, last: string) =>
  `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()

export const acmeProviders: ReadonlyArray<ToTrainingProvider> = providerRows.map((row) => ({
  id: ToProviderId.make(row.id),
  name: row.name,
  siteId: ToSiteId.make(row.site.id),
  active: row.active,
}))

export const acmeSites: ReadonlyArray<ToSite> = providerRows.map((row) => ({
  id: ToSiteId.make(row.site.id),
  name: row.name,
  address: row.site.address,
  city: row.site.city,
  country: row.site.country,
  trainingProviderId: ToProviderId.make(row.id),
}))

export const acmeTrainers: ReadonlyArray<ToTrainer> = trainerRows.map((row) => ({
  id: ToTrainerId.make(row.trainerId),
  firstName: row.firstName,
  lastName: row.toLastName ?? row.lastName,
  email: row.email,
  trainingProviderId: ToProviderId.make(row.providerId),
  active: true,
  externalRef: DoceboUserId.make(row.userId),
}))

const instructorUsers: ReadonlyArray<DoceboUser> = trainerRows.map((row) => ({
  id: DoceboUserId.make(row.userId),
  username: row.email.split("@")[0] ?? row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  email: row.email,
  isInstructor: true,
}))

const learnerUsers: ReadonlyArray<DoceboUser> = learnerNames.map(([firstName, lastName], index) => {
  const handle = asciiHandle(firstName, lastName)
  return {
    id: DoceboUserId.make(String(1101 + index)),
    username: handle,
    firstName,
    lastName,
    email: `${handle}@acme-corp.example`,
    isInstructor: false,
  }
})

export const acmeUsers: ReadonlyArray<DoceboUser> = [...instructorUsers, ...learnerUsers]

/** The Docebo user behind each TO trainer: the session's trainer becomes the Docebo instructor. */
export const userOfTrainer = (trainerId: string): DoceboUser["id"] => {
  const row = trainerRows.find((trainer) => trainer.trainerId === trainerId)
  if (!row) throw new Error(`acme: no trainer ${trainerId}`)
  return DoceboUserId.make(row.userId)
}
