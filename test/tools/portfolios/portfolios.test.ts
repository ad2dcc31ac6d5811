import { afterEach, describe, expect, test } from "vitest";
import { insertPortfolio } from "../../../src/sandbox/index.js";
import { addItemToPortfolio } from "../../../tools/portfolios/add-item-to-portfolio.js";
import { getPortfolio } from "../../../tools/portfolios/get-portfolio.js";
import { listPortfolioItems } from "../../../tools/portfolios/list-portfolio-items.js";
import { listPortfolios } from "../../../tools/portfolios/list-portfolios.js";
import { removeItemFromPortfolio } from "../../../tools/portfolios/remove-item-from-portfolio.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const freePlanAdvice = "Portfolios need a paid Asana plan (Business or Enterprise), and this workspace has none.";

describe("ListPortfolios and GetPortfolio", () => {
  test("lists my portfolios in a workspace, then reads one with its members and status", async () => {
    const fake = await startAsanaFake();
    const { premium, portfolio, me, colleague } = fake.world;
    const listed = outputOf(await callTool(fake, listPortfolios, { workspace_id: premium.gid }));
    expect(fake.requestsTo("GET", "/portfolios")[0]?.query).toMatchObject({ workspace: premium.gid, owner: "me" });
    expect(listed).toEqual({
      portfolios: [
        {
          id: portfolio.gid,
          name: "Launches",
          owner: { id: me.gid, name: "Ada Lovelace" },
          color: "light-green",
          permalink_url: expect.stringContaining(portfolio.gid),
        },
      ],
      count: 1,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    const update = fake.store.insert({
      resource_type: "status_update",
      resource_subtype: "portfolio_status_update",
      title: "Mixed",
      status_type: "at_risk",
      text: "Website is late",
      parent: portfolio.gid,
    });
    fake.store.get(portfolio.gid)!.current_status_update = update.gid;
    const one = outputOf(await callTool(fake, getPortfolio, { portfolio_id: portfolio.gid }));
    expect(one.portfolio.current_status).toEqual({ id: update.gid, title: "Mixed", status_type: "at_risk" });
    expect(one.portfolio).toMatchObject({
      id: portfolio.gid,
      name: "Launches",
      owner: { id: me.gid, name: "Ada Lovelace" },
      members: [
        { id: me.gid, name: "Ada Lovelace" },
        { id: colleague.gid, name: "Grace Hopper" },
      ],
      workspace: { id: premium.gid, name: "Acme Corp" },
      archived: false,
    });
  });

  test("a free workspace gets the explanation, not Asana's bare 402", async () => {
    const fake = await startAsanaFake();
    const { free, me } = fake.world;
    const error = errorOf(await callTool(fake, listPortfolios, { workspace_id: free.gid }));
    expect(error).toMatchObject({ statusCode: 402, kind: "UPSTREAM_RUNTIME_BAD_REQUEST", canRetry: false });
    expect(error.message).toContain(freePlanAdvice);
    expect(error.message).toContain("Asana_ListProjects, Asana_GetProjectById");
    const stray = insertPortfolio(fake.store, { name: "Free", workspace: free, owner: me });
    expect(errorOf(await callTool(fake, getPortfolio, { portfolio_id: stray.gid })).message).toContain(freePlanAdvice);
  });

  test("an unknown portfolio is a 404 that points to ListPortfolios", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getPortfolio, { portfolio_id: "404404" }));
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain("Find portfolio ids with Asana_ListPortfolios.");
  });
});

describe("ListPortfolioItems, AddItemToPortfolio and RemoveItemFromPortfolio", () => {
  test("reads a portfolio's projects with their status, adds one and removes another", async () => {
    const fake = await startAsanaFake();
    const { portfolio, launch, website, home, premium, team } = fake.world;
    const behind = fake.store.insert({
      resource_type: "status_update",
      resource_subtype: "project_status_update",
      title: "Behind",
      status_type: "at_risk",
      text: "Late",
      parent: website.gid,
    });
    fake.store.get(website.gid)!.current_status_update = behind.gid;
    const before = outputOf(await callTool(fake, listPortfolioItems, { portfolio_id: portfolio.gid }));
    expect(before.items).toEqual([
      {
        id: launch.gid,
        type: "project",
        name: "Q4 Launch",
        owner: expect.objectContaining({ id: fake.world.me.gid }),
        due_on: "2026-12-31",
        completed: false,
        permalink_url: expect.any(String),
      },
      {
        id: website.gid,
        type: "project",
        name: "Website Redesign",
        owner: expect.objectContaining({ id: fake.world.colleague.gid }),
        completed: false,
        current_status: { id: behind.gid, title: "Behind", status_type: "at_risk" },
        permalink_url: expect.any(String),
      },
    ]);
    // The items' opt_fields stop at the update's title; its type is read in one batch.
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(1);
    expect(fake.exchanges.filter((e) => e.batch).map((e) => e.path)).toEqual([`/status_updates/${behind.gid}`]);
    const extra = fake.store.insert({ ...website, gid: undefined, name: "Docs site", workspace: premium.gid, team: team.gid });
    const added = outputOf(await callTool(fake, addItemToPortfolio, { portfolio_id: portfolio.gid, item_id: extra.gid }));
    expect(added).toEqual({
      status: { success: true, message: `${extra.gid} added to portfolio ${portfolio.gid}` },
      portfolio: { id: portfolio.gid },
      item: { id: extra.gid },
    });
    expect(fake.requestsTo("POST", `/portfolios/${portfolio.gid}/addItem`)[0]?.body).toEqual({ data: { item: extra.gid } });
    outputOf(await callTool(fake, removeItemFromPortfolio, { portfolio_id: portfolio.gid, item_id: launch.gid }));
    const after = outputOf(await callTool(fake, listPortfolioItems, { portfolio_id: portfolio.gid }));
    expect(after.items.map((item) => item.name)).toEqual(["Website Redesign", "Docs site"]);
    // A project of another workspace is Asana's 400, with what the item must be.
    const elsewhere = errorOf(await callTool(fake, addItemToPortfolio, { portfolio_id: portfolio.gid, item_id: home.gid }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.message).toContain("The item must be a project or portfolio of the portfolio's workspace");
  });

  test("on a free workspace, items cannot be read or changed: 402 with the explanation", async () => {
    const fake = await startAsanaFake();
    const { free, me, home } = fake.world;
    const portfolio = insertPortfolio(fake.store, { name: "Home things", workspace: free, owner: me, items: [home] });
    expect(errorOf(await callTool(fake, listPortfolioItems, { portfolio_id: portfolio.gid })).message).toContain(freePlanAdvice);
    expect(errorOf(await callTool(fake, removeItemFromPortfolio, { portfolio_id: portfolio.gid, item_id: home.gid })).statusCode).toBe(402);
  });

  test("an unknown item is a 404 that points to the list tools", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, addItemToPortfolio, { portfolio_id: fake.world.portfolio.gid, item_id: "404404" }));
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain("Asana_ListProjects");
  });
});
