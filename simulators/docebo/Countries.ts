import type { DoceboLocation } from "./Types.ts"

type Country = Pick<DoceboLocation, "id_country" | "name_country" | "iso_code_country">

const regionNames = new Intl.DisplayNames(["en"], { type: "region" })

/** Docebo numbers its countries; the simulator derives a stable number from the two-letter ISO code. */
const idOf = (iso: string): number => (iso.charCodeAt(0) - 65) * 26 + (iso.charCodeAt(1) - 65) + 1

const isoOf = (id: number): string =>
  String.fromCharCode(65 + Math.floor((id - 1) / 26)) + String.fromCharCode(65 + ((id - 1) % 26))

const nameOf = (iso: string): string | undefined => {
  if (!/^[A-Z]{2}$/.test(iso)) return undefined
  const name = regionNames.of(iso)
  return name && name !== iso && name !== "Unknown Region" ? name : undefined
}

export const noCountry: Country = { id_country: null, name_country: null, iso_code_country: null }

/** The country fields from whichever of `iso_code_country` or `id_country` was given; undefined when unknown. */
export const resolveCountry = (input: {
  iso_code_country?: string | null
  id_country?: number | null
}): Country | undefined => {
  const iso = input.iso_code_country ?? (input.id_country ? isoOf(input.id_country) : null)
  if (iso === null) return noCountry
  const upper = iso.toUpperCase()
  const name = nameOf(upper)
  if (!name) return undefined
  if (input.id_country && input.iso_code_country && idOf(upper) !== input.id_country) return undefined
  return { id_country: idOf(upper), name_country: name, iso_code_country: upper }
}
