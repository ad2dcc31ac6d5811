/**
 * Replaces every local `{"$ref": "#/..."}` in a document with the object it points to, in place and
 * synchronously.
 *
 * openapi-backend's own quick mode does the same with a transitive dependency of its own
 * (dereference-json-schema); we do it here so that (a) loading stays synchronous —
 * `loadContractChecker()` is called from test setup code that can't await — and (b) we don't import
 * a package our package.json doesn't declare.
 *
 * Targets are shared, not copied: two `$ref`s to `TaskCompact` end up as the same object, and
 * recursive schemas become object cycles. openapi-backend decycles schemas before handing them to
 * Ajv, so cycles are fine; sharing keeps the dereferenced graph the size of the input.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null;
}

function isReference(value: unknown): value is { $ref: string } {
  return isObject(value) && !Array.isArray(value) && typeof (value as JsonObject).$ref === "string";
}

export class UnresolvableReferenceError extends Error {
  constructor(reference: string, reason: string) {
    super(`cannot resolve $ref ${JSON.stringify(reference)}: ${reason}`);
    this.name = "UnresolvableReferenceError";
  }
}

export function dereferenceLocalRefsInPlace(root: JsonObject): JsonObject {
  /** Follows a `$ref` (and any chain of `$ref`s it lands on) to a concrete value. */
  const resolve = (reference: string): unknown => {
    const seen = new Set<string>();
    let target: unknown = { $ref: reference };
    while (isReference(target)) {
      const pointer = target.$ref;
      if (seen.has(pointer)) throw new UnresolvableReferenceError(reference, "the reference chain loops");
      seen.add(pointer);
      if (!pointer.startsWith("#/")) throw new UnresolvableReferenceError(reference, "only local references are supported");
      target = walkPointer(pointer);
    }
    return target;
  };

  const walkPointer = (pointer: string): unknown => {
    let current: unknown = root;
    for (const rawSegment of pointer.slice(2).split("/")) {
      const segment = rawSegment.replace(/~1/g, "/").replace(/~0/g, "~");
      // A pointer may pass through another $ref on its way (e.g. into a referenced schema's property).
      if (isReference(current)) current = resolve(current.$ref);
      if (!isObject(current) || !(segment in current)) {
        throw new UnresolvableReferenceError(pointer, `no "${segment}" on the way`);
      }
      current = (current as JsonObject)[segment];
    }
    return current;
  };

  const visited = new Set<object>();
  // An explicit stack rather than recursion: the document nests deeply enough to make stack depth a worry.
  const pending: object[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as JsonObject;
    if (visited.has(node)) continue;
    visited.add(node);
    for (const key of Object.keys(node)) {
      let child = node[key];
      if (isReference(child)) {
        child = resolve(child.$ref);
        node[key] = child;
      }
      if (isObject(child) && !visited.has(child)) pending.push(child);
    }
  }
  return root;
}
