// Issue 19's intent benchmark: twelve everyday requests (lib/intent-scripts.mjs), each as the tool calls a
// model makes from names, through the built server's default profile over stdio, and RC's equivalent
// (@roychri/mcp-server-asana 1.8.0, pointed at the emulator by lib/rc-base-url.mjs) wherever RC can do
// it. Each side gets a fresh copy of the seeded emulator whose jobs finish at once, behind a round
// counter (lib/round-counter.mjs). Goals: every intent in ≤ 2 tool calls; no more sequential Asana rounds
// than the intent needs; ≤ 0.5× RC's bytes (tool list + outputs) where RC can do it.
import { startEmulator } from "./lib/emulator.mjs";
import { rcUnavailable, runIntents } from "./lib/intent-runner.mjs";
import { figure } from "./lib/stats.mjs";

export const goals = { calls: 2, bytesRatio: 0.5 };

const kb = (bytes) => `${bytes.toLocaleString("en-US")} B`;

async function runSide(side) {
  const emulator = await startEmulator({ jobDurationMs: 0 });
  try {
    return await runIntents({ side, upstreamBaseUrl: emulator.baseUrl, token: emulator.token });
  } finally {
    await emulator.close();
  }
}

export async function measure() {
  const ours = await runSide("ours");
  const rcSkip = rcUnavailable();
  const rc = rcSkip ? [] : await runSide("rc");
  const rcOf = (id) => rc.find((row) => row.id === id);

  const rows = ours.map((row) => {
    const peer = rcOf(row.id);
    const ratio = peer && !peer.skipped ? row.bytes / peer.bytes : undefined;
    return { row, peer, ratio };
  });
  const callsMet = ours.filter((row) => row.calls <= goals.calls);
  const roundsMet = ours.filter((row) => row.rounds <= row.needs.rounds);
  const compared = rows.filter((r) => r.ratio !== undefined);
  const bytesMet = compared.filter((r) => r.ratio <= goals.bytesRatio);

  const table = [
    "| intent | ours: calls | ours: requests / rounds (needs) | ours: bytes (list + outputs) | RC: calls | RC: requests / rounds | RC: bytes (list + outputs) | bytes ÷ RC |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(({ row, peer, ratio }) => {
      const rcCells = !peer
        ? ["—", "—", `(${rcSkip ?? "not run"})`]
        : peer.skipped
          ? ["—", "—", `(${peer.skipped})`]
          : [peer.calls, `${peer.requestCount} / ${peer.rounds}`, `${kb(peer.bytes)} (${kb(peer.toolListBytes)} + ${kb(peer.outputBytes)})`];
      return `| ${row.intent} | ${row.calls}${row.calls > goals.calls ? " ✗" : ""} | ${row.requestCount} / ${row.rounds} (${row.needs.rounds})${row.rounds > row.needs.rounds ? " ✗" : ""} | ${kb(row.bytes)} (${kb(row.toolListBytes)} + ${kb(row.outputBytes)}) | ${rcCells.join(" | ")} | ${ratio === undefined ? "—" : `${ratio.toFixed(2)}×${ratio > goals.bytesRatio ? " ✗" : ""}`} |`;
    }),
  ];
  const sequences = rows.map(({ row, peer }) => {
    const rcPart = peer && !peer.skipped ? `; RC: ${peer.tools.join(" → ")} [${peer.requests.join(", ")}]` : "";
    return `- ${row.id}: ${row.tools.join(" → ")} [${row.requests.join(", ")}]${rcPart}`;
  });

  // What the default profile would cost with CreateTasks in it: no EnableToolset call, and CreateTasks'
  // model view in every chat's list instead of only in the chats that switch it on.
  const threeInDesign = ours.find((row) => row.id === "three-in-design");
  const createTasksView = threeInDesign?.addedTools.Asana_CreateTasks;
  const enableOutput = threeInDesign?.outputs.find((o) => o.tool === "EnableToolset")?.bytes ?? 0;
  const whatIf =
    threeInDesign && createTasksView
      ? `with CreateTasks in the default profile, "${threeInDesign.intent}" would take 1 call and ${kb(threeInDesign.bytes - enableOutput)} (now ${threeInDesign.calls} calls, ${kb(threeInDesign.bytes)}: EnableToolset switches on ${Object.keys(threeInDesign.addedTools).join(", ")}, ${kb(threeInDesign.toolListBytes - threeInDesign.profileBytes)}, and answers ${kb(enableOutput)}); every other chat would pay ${kb(createTasksView)} more`
      : undefined;
  const first = ours[0];
  const notes = [
    `ours: default profile over stdio, ${kb(first.profileBytes)} of tool list; its instructions add ${kb(first.instructionsBytes)} (not in the figures; RC has ${rc[0] ? kb(rc[0].instructionsBytes) : "—"})${
      compared.length
        ? `; with them, ${compared.filter((r) => (r.row.bytes + r.row.instructionsBytes) / r.peer.bytes <= goals.bytesRatio).length} of ${compared.length} intents stay ≤ ${goals.bytesRatio}× RC`
        : ""
    }`,
    rcSkip ? `RC skipped: ${rcSkip}` : `RC: @roychri/mcp-server-asana 1.8.0, ${kb(rc[0]?.profileBytes ?? 0)} of tool list (${rc[0] ? "41 tools" : ""})`,
    ...(whatIf ? [whatIf] : []),
  ];

  return {
    figures: [
      figure({ name: "intents in ≤ 2 tool calls", ours: `${callsMet.length} of ${ours.length}`, goal: "all", pass: callsMet.length === ours.length }),
      figure({
        name: "intents in no more sequential Asana rounds than they need",
        ours: `${roundsMet.length} of ${ours.length}`,
        goal: "all",
        pass: roundsMet.length === ours.length,
      }),
      rcSkip
        ? figure({ name: "bytes read ≤ 0.5× RC's", ours: `skipped: ${rcSkip}` })
        : figure({
            name: "bytes read (tool list + outputs) ≤ 0.5× RC's, where RC can do the intent",
            ours: `${bytesMet.length} of ${compared.length}`,
            ratio: `median ${[...compared.map((r) => r.ratio)].sort((a, b) => a - b)[Math.floor(compared.length / 2)]?.toFixed(2)}×`,
            goal: "all",
            pass: bytesMet.length === compared.length,
          }),
    ],
    notes,
    tables: { "intents (ours: default profile; counts from names)": table, "tool calls and Asana requests per intent": sequences },
  };
}
