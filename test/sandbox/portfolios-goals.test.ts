import { describe, expect, test } from "vitest";
import { insertPortfolio, insertTimePeriod } from "../../src/sandbox/index.js";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

const gids = (body: Record<string, any>) => body.data.map((item: { gid: string }) => item.gid);

describe("portfolios", () => {
  test("my portfolios in a workspace; one in full; its items in order; addItem places, removeItem takes out", async () => {
    const fake = await startAsanaFake();
    const { premium, portfolio, launch, website, me, colleague } = fake.world;
    const theirs = insertPortfolio(fake.store, { name: "Grace's", workspace: premium, owner: colleague });
    expect((await send(fake, "GET", `/portfolios?workspace=${premium.gid}`)).body.data).toEqual([
      { gid: portfolio.gid, resource_type: "portfolio", name: "Launches" },
    ]);
    // Another owner's portfolios show only where the caller is a member.
    expect((await send(fake, "GET", `/portfolios?workspace=${premium.gid}&owner=${colleague.gid}`)).body.data).toEqual([]);
    fake.store.update(theirs.gid, { members: [colleague.gid, me.gid] });
    expect(gids((await send(fake, "GET", `/portfolios?workspace=${premium.gid}&owner=grace@acme.test`)).body)).toEqual([theirs.gid]);

    const full = await send(fake, "GET", `/portfolios/${portfolio.gid}?opt_fields=name,owner.name,members,workspace,color,permalink_url`);
    expect(full.body.data).toMatchObject({
      name: "Launches",
      owner: { name: "Ada Lovelace" },
      workspace: { gid: premium.gid },
      members: [{ gid: me.gid }, { gid: colleague.gid }],
    });
    expect(gids((await send(fake, "GET", `/portfolios/${portfolio.gid}/items`)).body)).toEqual([launch.gid, website.gid]);

    const created = await send(fake, "POST", `/teams/${fake.world.team.gid}/projects`, { data: { name: "Pilot" } });
    const pilot = created.body.data.gid as string;
    expect((await send(fake, "POST", `/portfolios/${portfolio.gid}/addItem`, { data: { item: pilot, insert_before: website.gid } })).body).toEqual({
      data: {},
    });
    expect(gids((await send(fake, "GET", `/portfolios/${portfolio.gid}/items?opt_fields=name,owner`)).body)).toEqual([launch.gid, pilot, website.gid]);
    await send(fake, "POST", `/portfolios/${portfolio.gid}/addItem`, { data: { item: theirs.gid } });
    await send(fake, "POST", `/portfolios/${portfolio.gid}/removeItem`, { data: { item: launch.gid } });
    const page = await send(fake, "GET", `/portfolios/${portfolio.gid}/items?limit=2`);
    expect(gids(page.body)).toEqual([pilot, website.gid]);
    expect(gids((await send(fake, "GET", page.body.next_page.path)).body)).toEqual([theirs.gid]);
  });

  test("an anchor that is not an item, or an item from another workspace, is a 400; free workspaces get 402", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { portfolio, home, free, me, team } = fake.world;
    const created = await send(fake, "POST", `/teams/${team.gid}/projects`, { data: { name: "Pilot" } });
    const anchor = await send(fake, "POST", `/portfolios/${portfolio.gid}/addItem`, { data: { item: created.body.data.gid, insert_after: home.gid } });
    expect(anchor.status).toBe(400);
    expect(anchor.body.errors[0].message).toBe(`insert_after: ${home.gid} is not one of the items of portfolio ${portfolio.gid}.`);
    const foreign = await send(fake, "POST", `/portfolios/${portfolio.gid}/addItem`, { data: { item: home.gid } });
    expect(foreign.status).toBe(400);
    const missing = await send(fake, "POST", `/portfolios/${portfolio.gid}/removeItem`, { data: {} });
    expect(missing.body.errors[0].message).toBe("item: Missing input");
    const freePortfolio = insertPortfolio(fake.store, { name: "Home", workspace: free, owner: me });
    for (const path of [`/portfolios?workspace=${free.gid}`, `/portfolios/${freePortfolio.gid}`, `/portfolios/${freePortfolio.gid}/items`]) {
      const { status, body } = await send(fake, "GET", path);
      expect(status, path).toBe(402);
      expect(body.errors[0].message).toBe("Portfolios is only available to premium users.");
    }
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["body.data.item"]);
  });
});

describe("goals and time periods", () => {
  test("goals by workspace, team, project, portfolio or time period; one goal in full with its metric", async () => {
    const fake = await startAsanaFake();
    const { premium, team, launch, website, portfolio, quarter, goal } = fake.world;
    for (const query of [
      `workspace=${premium.gid}`,
      `team=${team.gid}`,
      `project=${launch.gid}`,
      `portfolio=${portfolio.gid}`,
      `workspace=${premium.gid}&time_periods=${quarter.gid}`,
    ]) {
      const { status, body } = await send(fake, "GET", `/goals?${query}`);
      expect(status, query).toBe(200);
      expect(body.data, query).toEqual([
        {
          gid: goal.gid,
          resource_type: "goal",
          name: "Grow weekly active users to 10,000",
          owner: { gid: fake.world.me.gid, resource_type: "user", name: "Ada Lovelace" },
        },
      ]);
    }
    expect((await send(fake, "GET", `/goals?project=${website.gid}`)).body.data).toEqual([]);
    expect((await send(fake, "GET", `/goals?workspace=${premium.gid}&is_workspace_level=true`)).body.data).toEqual([]);
    const full = await send(fake, "GET", `/goals/${goal.gid}`);
    expect(full.body.data).toMatchObject({
      name: "Grow weekly active users to 10,000",
      due_on: "2026-12-31",
      status: "green",
      team: { gid: team.gid },
      time_period: { gid: quarter.gid, display_name: "Q4 FY26", period: "Q4", start_on: "2026-10-01", end_on: "2026-12-31" },
      metric: {
        unit: "none",
        precision: 0,
        initial_number_value: 1000,
        target_number_value: 10000,
        current_number_value: 4000,
        current_display_value: "4000",
        resource_subtype: "number",
      },
    });
    expect(full.body.data).not.toHaveProperty("_projects");
  });

  test("PUT changes name, notes, dates, owner and status; setMetricCurrentValue moves the metric", async () => {
    const fake = await startAsanaFake();
    const { goal, colleague } = fake.world;
    const put = await send(fake, "PUT", `/goals/${goal.gid}?opt_fields=name,notes,due_on,owner,status`, {
      data: { name: "Grow to 12,000", notes: "Stretch", due_on: "2027-01-31", owner: colleague.gid, status: "yellow" },
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ name: "Grow to 12,000", notes: "Stretch", due_on: "2027-01-31", owner: { gid: colleague.gid }, status: "yellow" });
    const metric = await send(fake, "POST", `/goals/${goal.gid}/setMetricCurrentValue?opt_fields=metric.current_number_value,metric.current_display_value`, {
      data: { current_number_value: 5250 },
    });
    expect(metric.body.data.metric).toEqual({
      gid: expect.any(String),
      resource_type: "goal_metric",
      current_number_value: 5250,
      current_display_value: "5250",
    });
    const bad = await send(fake, "PUT", `/goals/${goal.gid}`, { data: { status: "purple" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toContain("status: Invalid value: purple");
  });

  test("a goal without a metric takes no status or metric value; goals need a scope; free workspaces get 402", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    fake.store.update(fake.world.goal.gid, { metric: null });
    const status = await send(fake, "PUT", `/goals/${fake.world.goal.gid}`, { data: { status: "green" } });
    expect(status.status).toBe(400);
    expect(status.body.errors[0].message).toContain("can only be set once it has a metric");
    expect((await send(fake, "POST", `/goals/${fake.world.goal.gid}/setMetricCurrentValue`, { data: { current_number_value: 1 } })).status).toBe(400);
    expect((await send(fake, "GET", "/goals")).status).toBe(400);
    const free = await send(fake, "GET", `/goals?workspace=${fake.world.free.gid}`);
    expect(free.status).toBe(402);
    expect(free.body.errors[0].message).toBe("Goals is only available to premium users.");
    expect(fake.violations).toEqual([]);
  });

  test("time periods of a workspace, narrowed by start_on and end_on; a workspace is required", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { premium, quarter } = fake.world;
    insertTimePeriod(fake.store, { workspace: premium, period: "Q1", startOn: "2027-01-01", endOn: "2027-03-31", displayName: "Q1 FY27" });
    const all = await send(fake, "GET", `/time_periods?workspace=${premium.gid}`);
    expect(all.body.data.map((p: { display_name: string }) => p.display_name)).toEqual(["FY26", "Q4 FY26", "Q1 FY27"]);
    expect(all.body.data[1]).toEqual({
      gid: quarter.gid,
      resource_type: "time_period",
      display_name: "Q4 FY26",
      end_on: "2026-12-31",
      period: "Q4",
      start_on: "2026-10-01",
    });
    const late = await send(fake, "GET", `/time_periods?workspace=${premium.gid}&start_on=2026-10-01&end_on=2026-12-31`);
    expect(late.body.data.map((p: { display_name: string }) => p.display_name)).toEqual(["Q4 FY26"]);
    expect((await send(fake, "GET", `/time_periods/${quarter.gid}?opt_fields=display_name,parent.display_name`)).body.data.parent.display_name).toBe("FY26");
    expect((await send(fake, "GET", "/time_periods")).status).toBe(400);
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["query.workspace"]);
  });
});

describe("unknown goals and time periods", () => {
  test("are 404s", async () => {
    const fake = await startAsanaFake();
    expect((await send(fake, "GET", "/goals/1200000000000404")).status).toBe(404);
    expect((await send(fake, "PUT", "/goals/1200000000000404", { data: { name: "X" } })).status).toBe(404);
    expect((await send(fake, "GET", "/time_periods/1200000000000404")).status).toBe(404);
    expect((await send(fake, "GET", `/time_periods/${fake.world.goal.gid}`)).status).toBe(404);
  });
});
