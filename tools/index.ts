import type { AnyToolDefinition } from "../src/toolkit/index.js";
import { deleteTask, getTaskById } from "./tasks.js";
import { listWorkspaces } from "./workspaces.js";

/** The whole Asana toolkit, in the order tools are listed to clients. */
export const asanaToolkit: readonly AnyToolDefinition[] = [getTaskById, deleteTask, listWorkspaces];
