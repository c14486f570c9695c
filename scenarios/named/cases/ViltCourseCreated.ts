import { courseCreatedScenario } from "./CourseCreated.ts"

export default courseCreatedScenario({ name: "Hybrid Meetings that Work", code: "COM-545", type: "vilt" })
