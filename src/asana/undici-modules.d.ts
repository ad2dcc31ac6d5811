// Types for the undici modules src/asana/undici-parts.ts loads one by one: each is what undici's index
// exports under that name.
declare module "undici/lib/dispatcher/agent.js" {
  import { Agent } from "undici";
  export default Agent;
}
declare module "undici/lib/dispatcher/dispatcher.js" {
  import { Dispatcher } from "undici";
  export default Dispatcher;
}
declare module "undici/lib/dispatcher/pool.js" {
  import { Pool } from "undici";
  export default Pool;
}
declare module "undici/lib/api/index.js" {
  const dispatcherApi: Record<"request" | "stream" | "pipeline" | "upgrade" | "connect", unknown>;
  export default dispatcherApi;
}
declare module "undici/lib/core/errors.js" {
  const errors: typeof import("undici").errors;
  export default errors;
}
declare module "undici/lib/interceptor/retry.js" {
  const retry: typeof import("undici").interceptors.retry;
  export default retry;
}
declare module "undici/lib/web/fetch/formdata.js" {
  const formdata: { FormData: typeof import("undici").FormData };
  export default formdata;
}
