// Preloaded into RC (`node --import`): RC configures the asana client's shared ApiClient and has no
// setting for its base URL, so the bench sets it here, from ASANA_BASE_URL (the loopback emulator).
import Asana from "asana";

if (!process.env.ASANA_BASE_URL) throw new Error("rc-base-url.mjs: set ASANA_BASE_URL to the emulator's base URL");
Asana.ApiClient.instance.basePath = process.env.ASANA_BASE_URL;
