import { describe, expect, it } from "vitest"
import { csvCell, csvDocument } from "./Csv.ts"

describe("a CSV cell", () => {
  it("that a spreadsheet would run as a formula is prefixed with a quote mark (OWASP's list)", () => {
    for (const start of ["=", "+", "-", "@", "\t"]) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`)
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`)
    expect(csvCell("=SUM(A1,A2)")).toBe(`"'=SUM(A1,A2)"`)
    expect(csvCell("-5")).toBe("'-5")
  })

  it("is left as it is otherwise, quoted when it holds a comma, a quote or a line break", () => {
    expect(csvCell("Zoë a=b")).toBe("Zoë a=b")
    expect(csvCell('Acme, "Partners"')).toBe('"Acme, ""Partners"""')
    expect(csvCell("a\nb")).toBe('"a\nb"')
  })

  it("cannot start a new cell with a formula through a separator inside it", () => {
    expect(csvDocument(["a", "b"], [["x,=1+1", "y"]])).toBe('a,b\r\n"x,=1+1",y\r\n')
  })
})
