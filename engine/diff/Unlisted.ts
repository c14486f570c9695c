/**
 * The values of Docebo's sessions and events that iltsync does not know (engine/model/Values.ts `Unlisted`). They are
 * kept as read and compared as they are (TO masters both fields, so the plan writes TO's value over them); every plan
 * reports them on the course they belong to. Course types and account tools are reported by their rules' eligibility,
 * which also leaves those records alone.
 */
import type { DoceboSnapshot } from "../model/Docebo.ts"
import { CompletionMode, isListed, WebinarTool } from "../model/Values.ts"
import type { Warning } from "../Plan.ts"

const unknownValue = (key: string, course: string, what: string, field: string, value: string): Warning => ({
  code: "unknown_value",
  key,
  course,
  message: `${what}: ${field} "${value}" is not one iltsync knows; it is kept as it is`,
})

export const unlistedValues = (docebo: DoceboSnapshot): ReadonlyArray<Warning> => {
  const warnings: Warning[] = []
  for (const session of docebo.sessions) {
    const what = `Docebo session "${session.name}" (${session.id})`
    const mode = session.completionType
    if (mode !== null && !isListed(CompletionMode, mode))
      warnings.push(unknownValue(session.id, session.courseId, what, "completion type", mode))
    for (const event of session.events)
      if (event.tool !== null && !isListed(WebinarTool, event.tool))
        warnings.push(
          unknownValue(event.id, session.courseId, `event ${event.id} of ${what}`, "webinar tool", event.tool),
        )
  }
  return warnings
}
