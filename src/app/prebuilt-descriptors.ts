import type { ToolDescriptor } from "../toolkit/index.js";

/**
 * Every tool's descriptor (names, descriptions, JSON Schemas, annotations), computed by the build
 * (scripts/build.mjs replaces this module with the JSON), so a starting server lists its tools without
 * loading them or converting a single zod schema. Running from source it is absent, and the server
 * computes the descriptors from the tools themselves.
 */
export const prebuiltToolDescriptors: readonly ToolDescriptor[] | undefined = undefined;
