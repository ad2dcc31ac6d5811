import { AjvJsonSchemaValidator as V2AjvValidator } from "@modelcontextprotocol/client/validators/ajv";
import { AjvJsonSchemaValidator as V1AjvValidator } from "@modelcontextprotocol/sdk/validation/ajv";

/**
 * The SDK clients' own Ajv validators for tools' output schemas, each distinct schema compiled once in
 * this process. A client compiles every listed tool's output schema on every tools/list (about 200 ms of
 * CPU for the toolkit), and each test's new client lists the same tools again. What is checked, and
 * how, is the SDK's: only the compiling is not repeated.
 */
function compiledOnce<Validator extends { getValidator(schema: never): unknown }>(validator: Validator): Validator {
  const compiled = new Map<string, unknown>();
  const getValidator = (schema: never) => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) compiled.set(key, validator.getValidator(schema));
    return compiled.get(key);
  };
  return { getValidator } as unknown as Validator;
}

/** For `new Client(…, { jsonSchemaValidator })` of @modelcontextprotocol/sdk (v1). */
export const v1OutputValidator = compiledOnce(new V1AjvValidator());
/** For `new Client(…, { jsonSchemaValidator })` of @modelcontextprotocol/client (v2). */
export const v2OutputValidator = compiledOnce(new V2AjvValidator());
