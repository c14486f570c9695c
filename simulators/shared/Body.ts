import { BodyTooLarge, MalformedBody } from "./Errors.ts"

export const MAX_BODY_BYTES = 1024 * 1024
/** Seeds of a large tenant run to hundreds of megabytes; only the control surface reads them. */
export const MAX_SEED_BYTES = 512 * 1024 * 1024

/** Bodies are read once per request; middleware (rate limit by client id) and handlers share the bytes. */
const rawBodies = new WeakMap<Request, Promise<Uint8Array>>()

export const readRawBody = (request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> => {
  const cached = rawBodies.get(request)
  if (cached) return cached
  const reading = readLimited(request, limit)
  rawBodies.set(request, reading)
  return reading
}

const readLimited = async (request: Request, limit: number): Promise<Uint8Array> => {
  const declared = Number(request.headers.get("content-length") ?? "0")
  if (declared > limit) throw new BodyTooLarge(limit)
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      throw new BodyTooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

export const readText = async (request: Request, limit = MAX_BODY_BYTES): Promise<string> =>
  new TextDecoder().decode(await readRawBody(request, limit))

export const readJson = async (request: Request, limit = MAX_BODY_BYTES): Promise<unknown> => {
  const text = await readText(request, limit)
  if (text.trim() === "") throw new MalformedBody("The request body is empty; a JSON object is expected")
  try {
    return JSON.parse(text)
  } catch {
    throw new MalformedBody("The request body is not valid JSON")
  }
}

export const readJsonObject = async (request: Request, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> => {
  const body = await readJson(request, limit)
  if (!isPlainObject(body)) throw new MalformedBody("The request body must be a JSON object")
  return body
}

/** Token endpoints take form-urlencoded, multipart or JSON bodies; all become a flat string map. */
export const readFormLike = async (request: Request): Promise<Record<string, unknown>> => {
  const contentType = request.headers.get("content-type") ?? ""
  const bytes = await readRawBody(request)
  if (contentType.includes("application/json")) return readJsonObject(request)
  if (contentType.includes("multipart/form-data")) {
    try {
      const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData()
      return Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]))
    } catch {
      throw new MalformedBody("The multipart body cannot be parsed")
    }
  }
  return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes)))
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
