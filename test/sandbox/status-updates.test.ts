import { describe, expect, test } from "vitest";
import { insertGoal } from "../../src/sandbox/index.js";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

describe("status updates", () => {
  test("posting an at-risk status on a project answers 201 with the update and makes it the project's current status", async () => {
    const fake = await startAsanaFake();
    const { website, me } = fake.world;
    const posted = await send(fake, "POST", "/status_updates", {
      data: { parent: website.gid, status_type: "at_risk", title: "Design slipped", html_text: "<body>The hero is <strong>late</strong>.</body>" },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.data).toMatchObject({
      resource_type: "status_update",
      resource_subtype: "project_status_update",
      status_type: "at_risk",
      title: "Design slipped",
      text: "The hero is late.",
      html_text: "<body>The hero is <strong>late</strong>.</body>",
      author: { gid: me.gid, name: "Ada Lovelace" },
      parent: { gid: website.gid, resource_type: "project", name: "Website Redesign" },
    });
    const gid = posted.body.data.gid as string;
    const current = await send(fake, "GET", `/projects/${website.gid}?opt_fields=current_status_update.title,current_status_update.resource_subtype`);
    expect(current.body.data.current_status_update).toEqual({
      gid,
      resource_type: "status_update",
      title: "Design slipped",
      resource_subtype: "project_status_update",
    });

    const later = await send(fake, "POST", "/status_updates", { data: { parent: website.gid, status_type: "on_track", text: "Back on track" } });
    const listed = await send(fake, "GET", `/status_updates?parent=${website.gid}&limit=1`);
    expect(listed.body.data).toEqual([{ gid: later.body.data.gid, resource_type: "status_update", resource_subtype: "project_status_update", title: "" }]);
    expect((await send(fake, "GET", listed.body.next_page.path)).body.data.map((u: { gid: string }) => u.gid)).toEqual([gid]);

    // Deleting the current update falls back to the previous one.
    expect((await send(fake, "DELETE", `/status_updates/${later.body.data.gid}`)).body).toEqual({ data: {} });
    expect((await send(fake, "GET", `/projects/${website.gid}?opt_fields=current_status_update`)).body.data.current_status_update.gid).toBe(gid);
    expect((await send(fake, "GET", `/status_updates/${later.body.data.gid}`)).status).toBe(404);
    expect((await send(fake, "GET", `/status_updates/${gid}?opt_fields=status_type,text`)).body.data).toEqual({
      gid,
      resource_type: "status_update",
      status_type: "at_risk",
      text: "The hero is late.",
    });
  });

  test("a goal takes the goal statuses and shows them as its status; a project refuses a goal status", async () => {
    const fake = await startAsanaFake();
    const { goal, launch } = fake.world;
    const achieved = await send(fake, "POST", "/status_updates", { data: { parent: goal.gid, status_type: "achieved", text: "Done" } });
    expect(achieved.body.data.resource_subtype).toBe("goal_status_update");
    expect((await send(fake, "GET", `/goals/${goal.gid}?opt_fields=status,current_status_update`)).body.data).toMatchObject({
      status: "achieved",
      current_status_update: { gid: achieved.body.data.gid },
    });
    const wrong = await send(fake, "POST", "/status_updates", { data: { parent: launch.gid, status_type: "achieved", text: "Done" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].message).toBe(
      "status_type: achieved is not a status for a project. Use one of on_track, at_risk, off_track, on_hold, complete, dropped.",
    );
    const onHold = await send(fake, "POST", "/status_updates", { data: { parent: goal.gid, status_type: "on_hold", text: "Paused" } });
    expect(onHold.status).toBe(400);
  });

  test("bad rich text, no text and no parent are 400s; a free workspace's project takes updates, its goals are 402", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { launch, home, free, me } = fake.world;
    const badHtml = await send(fake, "POST", "/status_updates", {
      data: { parent: launch.gid, status_type: "on_track", html_text: "<body><h1>Big</h1></body>" },
    });
    expect(badHtml.status).toBe(400);
    expect(badHtml.body.errors[0].message).toBe("html_text: <h1> is not an allowed tag here");
    const noText = await send(fake, "POST", "/status_updates", { data: { parent: launch.gid, status_type: "on_track" } });
    expect(noText.body.errors[0].message).toBe("text: Missing input");
    expect((await send(fake, "GET", "/status_updates")).status).toBe(400);
    expect(fake.store.all("status_update")).toHaveLength(0);
    expect((await send(fake, "POST", "/status_updates", { data: { parent: home.gid, status_type: "on_hold", text: "Paused" } })).status).toBe(201);
    const freeGoal = insertGoal(fake.store, { name: "Run a marathon", workspace: free, owner: me });
    const premiumOnly = await send(fake, "POST", "/status_updates", { data: { parent: freeGoal.gid, status_type: "on_track", text: "Running" } });
    expect(premiumOnly.status).toBe(402);
    expect(
      provokedViolations(fake, skip)
        .map((v) => v.field)
        .sort(),
    ).toEqual(["body.data.html_text", "body.data.text", "query.parent"]);
  });
});
