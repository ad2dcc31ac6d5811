import { afterEach, describe, expect, test } from "vitest";
import { insertGoal } from "../../../src/sandbox/index.js";
import { createStatusUpdate } from "../../../tools/status/create-status-update.js";
import { deleteStatusUpdate } from "../../../tools/status/delete-status-update.js";
import { getStatusUpdate } from "../../../tools/status/get-status-update.js";
import { listStatusUpdates } from "../../../tools/status/list-status-updates.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("CreateStatusUpdate", () => {
  test("posts an at-risk update on a project, in rich text, and it becomes the project's current status", async () => {
    const fake = await startAsanaFake();
    const { website, me } = fake.world;
    const output = outputOf(
      await callTool(fake, createStatusUpdate, {
        parent_id: website.gid,
        status_type: "at_risk",
        title: "Design slipped",
        html_text: "<body>The hero is <strong>late</strong>.</body>",
      }),
    );
    expect(fake.requestsTo("POST", "/status_updates")[0]?.body).toEqual({
      data: { parent: website.gid, status_type: "at_risk", title: "Design slipped", html_text: "<body>The hero is <strong>late</strong>.</body>" },
    });
    expect(output).toEqual({
      status: { success: true, message: "at_risk status update posted" },
      status_update: {
        id: expect.any(String),
        title: "Design slipped",
        status_type: "at_risk",
        text: "The hero is late.",
        author: { id: me.gid, name: "Ada Lovelace" },
        created_at: expect.any(String),
        parent: { id: website.gid, name: "Website Redesign", type: "project" },
      },
    });
    expect(fake.store.get(website.gid)!.current_status_update).toBe(output.status_update.id);
  });

  test("rich text Asana would refuse, or neither text nor html_text, is refused before any request", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const heading = errorOf(
      await callTool(fake, createStatusUpdate, { parent_id: launch.gid, status_type: "on_track", html_text: "<body><h1>Big</h1></body>" }),
    );
    expect(heading.message).toContain("`html_text`: <h1> is not an allowed tag here");
    expect(heading.message).toContain("only the tags <strong> <em>");
    const none = errorOf(await callTool(fake, createStatusUpdate, { parent_id: launch.gid, status_type: "on_track", title: "Fine" }));
    expect(none.message).toContain("`text`: is missing: a status update needs text or html_text");
    const both = errorOf(await callTool(fake, createStatusUpdate, { parent_id: launch.gid, status_type: "on_track", text: "a", html_text: "<body>a</body>" }));
    expect(both.message).toContain("are both given");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a goal's status type on a project is Asana's 400, with the types each parent takes", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createStatusUpdate, { parent_id: fake.world.launch.gid, status_type: "achieved", text: "Done!" }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("Projects and portfolios take on_track, at_risk, off_track, on_hold, complete or dropped; goals take");
  });

  test("on a free workspace a project takes updates, but a goal's update is a 402 that says what still works", async () => {
    const fake = await startAsanaFake();
    const { home, free, me } = fake.world;
    expect(
      outputOf(await callTool(fake, createStatusUpdate, { parent_id: home.gid, status_type: "on_hold", text: "Paused for winter" })).status_update.status_type,
    ).toBe("on_hold");
    const goal = insertGoal(fake.store, { name: "Run a marathon", workspace: free, owner: me });
    const error = errorOf(await callTool(fake, createStatusUpdate, { parent_id: goal.gid, status_type: "on_track", text: "Running" }));
    expect(error).toMatchObject({ statusCode: 402, canRetry: false });
    expect(error.message).toContain("Status updates on portfolios and goals need a paid Asana plan");
    expect(error.message).toContain("Status updates on projects work on every plan.");
  });

  test("a project's exact name is its id; a name no project has is refused naming parent_id, and nothing is posted", async () => {
    const fake = await startAsanaFake();
    const { website } = fake.world;
    const output = outputOf(await callTool(fake, createStatusUpdate, { parent_id: "Website Redesign", status_type: "on_track", text: "Fine." }));
    expect(output.status_update.parent).toEqual({ id: website.gid, name: "Website Redesign", type: "project" });
    expect(fake.requestsTo("POST", "/status_updates")[0]?.body).toMatchObject({ data: { parent: website.gid } });
    const missing = errorOf(await callTool(fake, createStatusUpdate, { parent_id: "Website", status_type: "at_risk", text: "Late." }));
    expect(missing.message).toContain('No project is named exactly "Website" in the user\'s workspaces (parent_id). Pass its id, or its exact name.');
    expect(fake.requestsTo("POST", "/status_updates")).toHaveLength(1);
  });
});

describe("ListStatusUpdates, GetStatusUpdate and DeleteStatusUpdate", () => {
  test("lists newest first with shortened text, reads one in full, and deletes it so the previous one is current again", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const first = outputOf(await callTool(fake, createStatusUpdate, { parent_id: launch.gid, status_type: "on_track", title: "Week 1", text: "All good." }));
    const long = "Slipping. ".repeat(60).trim();
    const second = outputOf(await callTool(fake, createStatusUpdate, { parent_id: launch.gid, status_type: "off_track", title: "Week 2", text: long }));

    const listed = outputOf(await callTool(fake, listStatusUpdates, { parent_id: launch.gid }));
    expect(listed.count).toBe(2);
    expect(listed.status_updates.map((u) => u.title)).toEqual(["Week 2", "Week 1"]);
    expect(listed.status_updates[0]!.text).toHaveLength(300);
    expect(listed.status_updates[0]!.text!.endsWith("...")).toBe(true);
    expect(listed.next_page).toEqual({ has_more_pages: false, next_page_token: null });
    expect(fake.requestsTo("GET", "/status_updates")[0]?.query).toMatchObject({ parent: launch.gid, limit: "20" });

    const full = outputOf(await callTool(fake, getStatusUpdate, { status_update_id: second.status_update.id }));
    expect(full.status_update.text).toBe(long);

    const deleted = outputOf(await callTool(fake, deleteStatusUpdate, { status_update_id: second.status_update.id }));
    expect(deleted).toEqual({
      status: { success: true, message: `status update ${second.status_update.id} deleted` },
      status_update: { id: second.status_update.id },
    });
    expect(fake.store.get(launch.gid)!.current_status_update).toBe(first.status_update.id);
  });

  test("unknown ids are 404s that say where ids come from", async () => {
    const fake = await startAsanaFake();
    const list = errorOf(await callTool(fake, listStatusUpdates, { parent_id: "404404" }));
    expect(list.statusCode).toBe(404);
    expect(list.message).toContain("Find portfolio ids with Asana_ListPortfolios.");
    const get = errorOf(await callTool(fake, getStatusUpdate, { status_update_id: "404404" }));
    expect(get.message).toContain("Find status update ids with Asana_ListStatusUpdates.");
    const gone = errorOf(await callTool(fake, deleteStatusUpdate, { status_update_id: "404404" }));
    expect(gone.message).toContain("it may already be deleted");
  });

  test("a free workspace's goal cannot list its updates: 402 with the explanation", async () => {
    const fake = await startAsanaFake();
    const goal = insertGoal(fake.store, { name: "Read 20 books", workspace: fake.world.free, owner: fake.world.me });
    const error = errorOf(await callTool(fake, listStatusUpdates, { parent_id: goal.gid }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("need a paid Asana plan");
  });
});
