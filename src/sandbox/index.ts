export { startAsanaEmulator, apiBasePath } from "./emulator.js";
export type { EmulatorOptions, RateLimitOptions, RecordedExchange, RunningEmulator } from "./emulator.js";
export { AsanaStore } from "./store.js";
export type { ResourceType, StoredObject } from "./store.js";
export type { FaultSpec } from "./faults.js";
export { sandboxToken, seedDemoWorld } from "./demo-world.js";
export { customFieldValue, insertEnumField, insertNumberField } from "./custom-fields.js";
