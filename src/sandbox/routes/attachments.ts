import type { EmulatorRoute } from "../http-kit.js";

export const attachmentRoutes: EmulatorRoute[] = [];
