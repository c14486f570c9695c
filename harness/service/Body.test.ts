import { request } from "node:http"
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  DoceboId,
  decodeOrRefuse,
  limitBody,
  maxBodyBytes,
  maxJsonDepth,
  parseJson,
  readText,
  VendorId,
} from "./Body.ts"
import { problemOf, problemResponse } from "./Problem.ts"

/** A body sent over a real socket, with its length declared or chunked. */
const post = (port: number, body: string | Buffer, chunked: boolean) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/echo",
        method: "POST",
        headers: chunked ? { "transfer-encoding": "chunked" } : { "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }))
      },
    )
    req.on("error", reject)
    if (chunked) for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024))
    else req.write(body)
    req.end()
  })

describe("a request body over HTTP", () => {
  const app = new Hono()
    .use(limitBody)
    .post("/echo", async (c) => c.text(`${await readText(c)}|${await readText(c)}`))
    .onError((error, c) => problemResponse(c, problemOf(error)))
  let server: ReturnType<typeof serve>
  let port = 0
  beforeAll(async () => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })
    await new Promise<void>((resolve) => server.once("listening", () => resolve()))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("is read from the socket as sent, in UTF-8, and the same text when read twice", async () => {
    const body = JSON.stringify({ name: "Zoë 研修" }).repeat(3_000)
    for (const chunked of [false, true])
      expect(await post(port, body, chunked)).toEqual({ status: 200, text: `${body}|${body}` })
  })

  it("that is not valid UTF-8 is refused with 400 naming the body, not read with U+FFFD in it", async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xe9]), Buffer.from('"}')])
    for (const chunked of [false, true]) {
      const answer = await post(port, body, chunked)
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.text)).toMatchObject({ detail: "body: is not valid UTF-8" })
    }
  })

  it("over 1 MiB is refused with 413, whether its length was declared or not", async () => {
    const big = "x".repeat(maxBodyBytes + 1)
    for (const chunked of [false, true]) {
      const answer = await post(port, big, chunked)
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.text)).toMatchObject({ detail: "the request body is larger than 1 MiB" })
    }
    expect((await post(port, "x".repeat(maxBodyBytes), true)).status).toBe(200)
  })
})

describe("a JSON body", () => {
  const nested = (levels: number) => `${'{"a":['.repeat(levels / 2)}1${"]}".repeat(levels / 2)}`
  const refusal = (text: string) => {
    try {
      parseJson(text)
      return null
    } catch (error) {
      return problemOf(error).detail
    }
  }

  it(`nests at most ${maxJsonDepth} levels: deeper is refused naming the body, before it is parsed`, () => {
    expect(refusal(nested(maxJsonDepth))).toBeNull()
    expect(refusal(nested(maxJsonDepth + 2))).toBe(`body: nests deeper than ${maxJsonDepth} levels`)
    expect(refusal(`${"[".repeat(100_000)}`)).toBe(`body: nests deeper than ${maxJsonDepth} levels`)
  })

  it("counts only brackets outside strings, escaped quotes included", () => {
    expect(refusal(JSON.stringify({ name: "[{".repeat(1_000), quoted: '"[[[\\"{{{' }))).toBeNull()
    expect(parseJson(JSON.stringify({ name: '\\"[' }))).toEqual({ name: '\\"[' })
  })
})

describe("ids an operator copies from a vendor API", () => {
  const decoded = (schema: typeof DoceboId | typeof VendorId, value: unknown) => {
    try {
      return decodeOrRefuse(schema, value, "id")
    } catch (error) {
      return problemOf(error).detail
    }
  }

  it("are Docebo's as numbers or their digits as text, kept as the canonical digits", () => {
    expect([1101, "1101", " 01101 ", 0].map((value) => decoded(DoceboId, value))).toEqual(["1101", "1101", "1101", "0"])
    for (const value of [1.5, -1, 2 ** 53, 1e21, "1e3", "11O1", "", true, null])
      expect(decoded(DoceboId, value)).toBe("id: must be a Docebo id: a whole number")
  })

  it("are either system's as text (kept as given, trimmed) or whole numbers", () => {
    expect([" prv_academy ", 42, "0042"].map((value) => decoded(VendorId, value))).toEqual([
      "prv_academy",
      "42",
      "0042",
    ])
    expect(decoded(VendorId, 4.2)).toBe("id: must be an id: text or a whole number")
    expect(decoded(VendorId, false)).toBe("id: must be an id: text or a whole number")
    expect(decoded(VendorId, " ")).toBe("id: must not be empty")
  })
})
