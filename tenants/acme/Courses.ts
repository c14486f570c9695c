/**
 * Acme's ILT catalogue in Docebo and the TO courses an earlier sync made from it. Acme was migrated to Docebo's one
 * ILT course type: every course is `classroom`, and whether a session is online or onsite is the session's own (its TO
 * session's modality). The courses that were webinar courses before the migration hold online sessions only; a few
 * others hold both kinds. COMP-501 is the one course the migration left as a legacy `webinar` course. Special cases:
 * three recent courses have no TO course yet (the first sync creates them); "Atelier Design Thinking" has no code (it
 * cannot sync: *course code is missing*); PRJ-410 was created in TO by hand with the same code and no Docebo id
 * (adopted by code); FIN-301 was renamed in Docebo since; IND-001 was deleted in Docebo (its TO course is archived).
 */
import { type CourseType, type DoceboCourse, DoceboCourseId, type ToCourse, ToCourseId } from "../../engine/Model.ts"

type Language = "english" | "french" | "german" | "spanish" | "italian"

/** Docebo names languages, TO uses ISO 639-1 codes. */
const isoLanguage: Record<Language, string> = {
  english: "en",
  french: "fr",
  german: "de",
  spanish: "es",
  italian: "it",
}

interface CourseRow {
  readonly id: string
  readonly code: string
  readonly name: string
  readonly type: CourseType
  readonly language: Language
  /** How TO holds the course: stamped by an earlier sync, made by hand (no Docebo id), or not at all yet. */
  readonly to: "stamped" | "unstamped" | "missing"
  /** The title TO still shows, when the course was renamed in Docebo since. */
  readonly toTitle?: string
}

const courseRows: ReadonlyArray<CourseRow> = [
  {
    id: "101",
    code: "LDR-101",
    name: "Leading High-Performing Teams",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "102",
    code: "LDR-102",
    name: "Manager Essentials: Giving Feedback",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "103", code: "LDR-201", name: "Management de proximité", type: "ilt", language: "french", to: "stamped" },
  { id: "104", code: "LDR-202", name: "Führung auf Distanz", type: "ilt", language: "german", to: "missing" },
  {
    id: "105",
    code: "HSE-110",
    name: "Fire Safety and Evacuation Warden",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "106",
    code: "HSE-111",
    name: "Sauveteur Secouriste du Travail (SST)",
    type: "ilt",
    language: "french",
    to: "stamped",
  },
  { id: "107", code: "HSE-120", name: "First Aid at Work", type: "ilt", language: "english", to: "stamped" },
  { id: "108", code: "HSE-130", name: "Manual Handling Practical", type: "ilt", language: "english", to: "stamped" },
  { id: "109", code: "HSE-140", name: "Habilitation électrique B0/H0", type: "ilt", language: "french", to: "stamped" },
  {
    id: "110",
    code: "SAL-210",
    name: "Consultative Selling Workshop",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "111",
    code: "SAL-220",
    name: "Négociation commerciale avancée",
    type: "ilt",
    language: "french",
    to: "stamped",
  },
  { id: "112", code: "SAL-230", name: "Key Account Management", type: "ilt", language: "english", to: "stamped" },
  {
    id: "113",
    code: "FIN-301",
    name: "Finance for Non-Financial Managers",
    type: "ilt",
    language: "english",
    to: "stamped",
    toTitle: "Finance for Non-Finance Managers",
  },
  {
    id: "114",
    code: "FIN-310",
    name: "Budgeting and Forecasting Bootcamp",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "115",
    code: "PRJ-401",
    name: "Project Management Fundamentals",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "116", code: "PRJ-410", name: "PMP Exam Preparation", type: "ilt", language: "english", to: "unstamped" },
  { id: "117", code: "PRJ-420", name: "Agile Scrum Master Workshop", type: "ilt", language: "english", to: "stamped" },
  {
    id: "118",
    code: "COM-501",
    name: "Presentation Skills Masterclass",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "119", code: "COM-510", name: "Prise de parole en public", type: "ilt", language: "french", to: "stamped" },
  { id: "120", code: "COM-520", name: "Business Writing Clinic", type: "ilt", language: "english", to: "stamped" },
  { id: "121", code: "CUS-601", name: "Customer Service Excellence", type: "ilt", language: "english", to: "stamped" },
  {
    id: "122",
    code: "HR-701",
    name: "Recruiting and Interviewing Skills",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "123",
    code: "HR-710",
    name: "Conduire l'entretien annuel d'évaluation",
    type: "ilt",
    language: "french",
    to: "stamped",
  },
  {
    id: "124",
    code: "IT-801",
    name: "Excel Advanced: Pivot Tables and Power Query",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "125",
    code: "DEI-901",
    name: "Inclusive Leadership Workshop",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "126", code: "LEAN-150", name: "Lean Six Sigma Green Belt", type: "ilt", language: "english", to: "stamped" },
  { id: "127", code: "", name: "Atelier Design Thinking", type: "ilt", language: "french", to: "missing" },
  {
    id: "128",
    code: "CYB-101",
    name: "Cybersecurity Awareness Live",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "129", code: "CYB-110", name: "Phishing Simulation Debrief", type: "ilt", language: "english", to: "stamped" },
  { id: "130", code: "GDPR-201", name: "GDPR for Data Handlers", type: "ilt", language: "english", to: "stamped" },
  { id: "131", code: "GDPR-202", name: "RGPD : les fondamentaux", type: "ilt", language: "french", to: "stamped" },
  {
    id: "132",
    code: "DSG-203",
    name: "Datenschutz-Grundverordnung kompakt",
    type: "ilt",
    language: "german",
    to: "stamped",
  },
  {
    id: "133",
    code: "TMM-301",
    name: "Time Management in a Hybrid World",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  {
    id: "134",
    code: "WEL-310",
    name: "Resilience and Stress Management",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "135", code: "COM-530", name: "Effective Virtual Meetings", type: "ilt", language: "english", to: "stamped" },
  {
    id: "136",
    code: "SAL-240",
    name: "Social Selling with LinkedIn",
    type: "ilt",
    language: "english",
    to: "missing",
  },
  {
    id: "137",
    code: "LDR-210",
    name: "Coaching Conversations for Managers",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "138", code: "FIN-320", name: "Understanding the P&L", type: "ilt", language: "english", to: "stamped" },
  {
    id: "139",
    code: "IT-810",
    name: "Microsoft Teams for Power Users",
    type: "ilt",
    language: "english",
    to: "stamped",
  },
  { id: "140", code: "ESP-401", name: "Negociación eficaz", type: "ilt", language: "spanish", to: "missing" },
  { id: "141", code: "ITA-402", name: "Comunicazione efficace", type: "ilt", language: "italian", to: "stamped" },
  {
    id: "142",
    code: "COMP-501",
    name: "Anti-Bribery and Corruption Briefing",
    // Never migrated: Docebo still lists it as a `webinar` course, whose sessions are all online.
    type: "vilt",
    language: "english",
    to: "stamped",
  },
]

/** TO course ids are made from the code, as Acme's planners named them. */
const toCourseIdOf = (code: string) => ToCourseId.make(`crs_${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`)

export const acmeDoceboCourses: ReadonlyArray<DoceboCourse> = courseRows.map((row) => ({
  id: DoceboCourseId.make(row.id),
  code: row.code,
  name: row.name,
  type: row.type,
  language: row.language,
}))

/** A course whose Docebo original was deleted; TO still lists it as active until the sync archives it. */
const deletedInDocebo: ToCourse = {
  id: toCourseIdOf("IND-001"),
  code: "IND-001",
  title: "Acme Induction Day",
  modality: "onsite",
  language: "en",
  active: true,
  externalRef: DoceboCourseId.make("99"),
}

export const acmeToCourses: ReadonlyArray<ToCourse> = [
  ...courseRows.flatMap(
    (row): ReadonlyArray<ToCourse> =>
      row.to === "missing"
        ? []
        : [
            {
              id: toCourseIdOf(row.code),
              code: row.code,
              title: row.toTitle ?? row.name,
              // TO's modality follows the Docebo course type it was made from: onsite for an ILT course, whatever
              // its sessions are; online for the legacy webinar course.
              modality: row.type === "ilt" ? "onsite" : "online",
              language: isoLanguage[row.language],
              active: true,
              externalRef: row.to === "stamped" ? DoceboCourseId.make(row.id) : null,
            },
          ],
  ),
  deletedInDocebo,
]

/** The course on both sides, by code: sessions are written against the code. */
export const courseByCode = (code: string) => {
  const row = courseRows.find((course) => course.code === code)
  if (!row || row.to === "missing") throw new Error(`acme: no TO course with code ${code}`)
  return { doceboId: DoceboCourseId.make(row.id), toId: toCourseIdOf(row.code), type: row.type, name: row.name }
}
