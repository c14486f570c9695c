import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { DoceboWebinarAccount } from "../engine/model/Docebo.ts"
import { webinarAccountsCsv } from "./Csv.ts"
import { readWebinarAccountsCsv } from "./WebinarAccountsImport.ts"

const decodeAccount = Schema.decodeUnknownSync(DoceboWebinarAccount)
const accounts = (text: string) => {
  const read = readWebinarAccountsCsv(text)
  if (!read.ok) throw new Error(read.problems.join("; "))
  return read.accounts
}
const problems = (text: string) => {
  const read = readWebinarAccountsCsv(text)
  return read.ok ? [] : read.problems
}

describe("the webinar account CSV an operator imports", () => {
  it("reads the seed's columns, quoted cells and a spreadsheet's byte-order mark", () => {
    const text = '\uFEFFid,tool,name,email\r\n51,teams,"Acme Teams, Sales",sales@acme.example\r\n52,webex,Webex,\r\n'
    expect(accounts(text)).toEqual([
      { id: "51", tool: "teams", name: "Acme Teams, Sales", email: "sales@acme.example" },
      { id: "52", tool: "webex", name: "Webex", email: "" },
    ])
  })

  it("reads back iltsync's own Download Webinar Account List, a formula-looking name as it was", () => {
    const listed = [
      { id: "7", tool: "zoom_v3", name: '=HYPERLINK("x")', email: "z@acme.example" },
      { id: "8", tool: "custom", name: "Room 8", email: "r8@acme.example" },
    ].map((account) => decodeAccount(account))
    expect(accounts(webinarAccountsCsv(listed))).toEqual(listed)
  })

  it("keeps a tool iltsync does not know, as Docebo's own list would be read", () => {
    expect(accounts("id,tool,name,email\n9,bluejeans,Blue,b@acme.example\n")[0]?.tool).toBe("bluejeans")
  })

  it("takes the columns in any order and ignores others", () => {
    expect(accounts("email,name,notes,tool,id\na@x.example,A,whatever,teams,3\n")).toEqual([
      { id: "3", tool: "teams", name: "A", email: "a@x.example" },
    ])
  })

  it("refuses a file with any bad line whole, naming every bad line", () => {
    const text = "id,tool,name,email\n1,teams,A,a@x\nx1,teams,B,b@x\n1,webex,C,c@x\n4,,D,d@x\n5,teams,,e@x\n"
    expect(readWebinarAccountsCsv(text).ok).toBe(false)
    expect(problems(text)).toEqual([
      'line 3: id "x1" is not a Docebo webinar account id (digits)',
      "line 4: account 1 is listed on line 2 already",
      "line 5: account 4 has no tool",
      "line 6: account 5 has no name",
    ])
  })

  it("says what is wrong with a file that is not the list", () => {
    expect(problems("")).toEqual(["the file is empty: it needs a header line id,tool,name,email"])
    expect(problems("user,mail\n1,a@x\n")).toEqual([
      "line 1: the header lacks id, tool, name, email (it needs id,tool,name,email)",
    ])
    expect(problems('id,tool,name,email\n1,teams,"unclosed,a@x\n')[0]).toMatch(/^the file is not CSV: /)
  })

  it("lists at most twenty problems of a wrong file, and how many more", () => {
    const text = `id,tool,name,email\n${Array.from({ length: 30 }, (_, i) => `x${i},teams,A,a@x`).join("\n")}\n`
    const listed = problems(text)
    expect(listed).toHaveLength(21)
    expect(listed.at(-1)).toBe("… and 10 more")
  })
})
