import * as z from "zod";
import { gidParam, mutationStatus, namedRef } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findCustomFieldHint } from "./model.js";

/** What AddCustomFieldToProject and RemoveCustomFieldFromProject share. */

export const projectFieldInput = {
  project_id: gidParam("project", findProjectHint),
  custom_field_id: gidParam("custom field", findCustomFieldHint),
};

export const projectFieldOutput = z.object({
  status: mutationStatus,
  project: namedRef,
  custom_field: namedRef.extend({ type: z.string().optional() }),
});

/** A project's custom field setting (CustomFieldSettingResponse), as both tools read it. */
export interface AsanaFieldSetting {
  gid: string;
  is_important?: boolean;
  project?: { gid: string; name?: string } | null;
  custom_field?: { gid: string; name?: string; resource_subtype?: string } | null;
}

export const settingOptFields = ["custom_field.name", "custom_field.resource_subtype", "is_important", "project.name"] as const;
