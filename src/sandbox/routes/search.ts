import type { EmulatorRoute } from "../http-kit.js";

export const searchRoutes: EmulatorRoute[] = [];
