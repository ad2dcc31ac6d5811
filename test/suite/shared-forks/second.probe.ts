import { probeTests } from "./probe-tests.js";

probeTests(import.meta.url);
