/**
 * Acme's e-learning courses. The domain model has no place for them (the engine only ever sees ILT and VILT
 * courses), so they exist only in the Docebo simulator's seed, where they check that the sync leaves them alone.
 */
import type { ElearningCourse } from "../SimulatorSeeds.ts"

export const acmeElearningCourses: ReadonlyArray<ElearningCourse> = [
  { id: "151", code: "ONB-001", name: "Welcome to Acme", language: "english" },
  { id: "152", code: "CMP-010", name: "Code of Conduct 2027", language: "english" },
  { id: "153", code: "CYB-001", name: "Password Hygiene in Ten Minutes", language: "english" },
  { id: "154", code: "RGPD-E01", name: "Sensibilisation au RGPD", language: "french" },
]
