export { startAsanaEmulator, apiBasePath } from "./emulator.js";
export type { EmulatorOptions, EventControls, JobControls, RateLimitOptions, RecordedExchange, RunningEmulator } from "./emulator.js";
export { AsanaStore, seededGids } from "./store.js";
export type { ResourceType, StoredObject } from "./store.js";
export type { FaultSpec } from "./faults.js";
export type { StorageControls, StorageRequest } from "./storage.js";
export type { EmulatedOAuthApp, OAuthExchange } from "./oauth.js";
export { planOf, type AsanaPlan } from "./plans.js";
export { demoIds, sandboxToken, seedDemoWorld } from "./demo-world.js";
export {
  addFieldToProject,
  customFieldValue,
  emptyCustomFieldValue,
  insertDateField,
  insertEnumField,
  insertMultiEnumField,
  insertNumberField,
  insertPeopleField,
  insertTextField,
} from "./custom-fields.js";
export { insertProjectTemplate, insertTaskTemplate, type ProjectTemplateRecipe } from "./templates.js";
export { goalMetric, insertGoal, insertPortfolio, insertTimePeriod, metricDisplay, type GoalMetric } from "./goals.js";
