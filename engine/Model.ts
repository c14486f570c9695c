/** The domain model: both systems' snapshots as the engine sees them, and iltsync's own store. */
export * from "./model/Docebo.ts"
export * from "./model/Ids.ts"
export * from "./model/Store.ts"
export * from "./model/Training.ts"
export * from "./model/Values.ts"
