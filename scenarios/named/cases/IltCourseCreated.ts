import { courseCreatedScenario } from "./CourseCreated.ts"

export default courseCreatedScenario({ name: "Conflict Resolution", code: "COM-540", type: "ilt" })
