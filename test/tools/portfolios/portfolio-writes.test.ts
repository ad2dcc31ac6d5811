import { afterEach, describe, expect, test } from "vitest";
import { addPortfolioMembers } from "../../../tools/portfolios/add-portfolio-members.js";
import { createPortfolio } from "../../../tools/portfolios/create-portfolio.js";
import { deletePortfolio } from "../../../tools/portfolios/delete-portfolio.js";
import { listPortfolios } from "../../../tools/portfolios/list-portfolios.js";
import { updatePortfolio } from "../../../tools/portfolios/update-portfolio.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("CreatePortfolio", () => {
  test("creates a portfolio owned by the user, who finds it in ListPortfolios", async () => {
    const fake = await startAsanaFake();
    const { premium, me } = fake.world;
    const output = outputOf(await callTool(fake, createPortfolio, { name: "2027 bets", workspace_id: premium.gid, color: "dark-blue", public: true }));
    expect(output.status).toEqual({ success: true, message: 'portfolio "2027 bets" created' });
    expect(output.portfolio).toMatchObject({
      name: "2027 bets",
      owner: { id: me.gid, name: "Ada Lovelace" },
      members: [{ id: me.gid, name: "Ada Lovelace" }],
      color: "dark-blue",
      archived: false,
      workspace: { id: premium.gid, name: "Acme Corp" },
      permalink_url: `https://app.asana.com/0/portfolio/${output.portfolio.id}/list`,
    });
    expect(fake.requestsTo("POST", "/portfolios")[0]?.body).toEqual({ data: { workspace: premium.gid, name: "2027 bets", color: "dark-blue", public: true } });
    const listed = outputOf(await callTool(fake, listPortfolios, { workspace_id: premium.gid }));
    expect(listed.portfolios.map((p) => p.name)).toContain("2027 bets");
  });

  test("a free workspace gets Asana's 402 with what still works", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createPortfolio, { name: "Home", workspace_id: fake.world.free.gid }));
    expect(error.message).toContain("Portfolios need a paid Asana plan");
  });
});

describe("UpdatePortfolio", () => {
  test("a new start date goes with the due date the portfolio has, as Asana requires", async () => {
    const fake = await startAsanaFake();
    const { portfolio } = fake.world;
    Object.assign(portfolio, { due_on: "2026-12-31" });
    const output = outputOf(await callTool(fake, updatePortfolio, { portfolio_id: portfolio.gid, start_on: "2026-10-01", name: "Launches 2026" }));
    expect(output.portfolio).toMatchObject({ name: "Launches 2026", start_on: "2026-10-01", due_on: "2026-12-31" });
    expect(fake.requestsTo("PUT", `/portfolios/${portfolio.gid}`)[0]?.body).toEqual({
      data: { name: "Launches 2026", start_on: "2026-10-01", due_on: "2026-12-31" },
    });
  });

  test('clear ["start_on", "due_on"] empties both; a start left without a due date, or after it, is refused before the write', async () => {
    const fake = await startAsanaFake();
    const { portfolio } = fake.world;
    Object.assign(portfolio, { start_on: "2026-10-01", due_on: "2026-12-31" });
    const orphan = errorOf(await callTool(fake, updatePortfolio, { portfolio_id: portfolio.gid, clear: ["due_on"] }));
    expect(orphan.message).toContain('Clear start_on too: clear ["start_on", "due_on"].');
    const late = errorOf(await callTool(fake, updatePortfolio, { portfolio_id: portfolio.gid, start_on: "2027-01-15" }));
    expect(late.message).toContain("put the start (2027-01-15) on or after the due date (2026-12-31)");
    expect(fake.requestsTo("PUT", /\/portfolios\//)).toHaveLength(0);
    const output = outputOf(await callTool(fake, updatePortfolio, { portfolio_id: portfolio.gid, clear: ["start_on", "due_on"], archived: true }));
    expect(fake.requestsTo("PUT", `/portfolios/${portfolio.gid}`)[0]?.body).toEqual({ data: { archived: true, start_on: null, due_on: null } });
    expect(output.portfolio).toMatchObject({ archived: true });
    expect(output.portfolio).not.toHaveProperty("due_on");
  });

  test("a call that changes nothing is refused", async () => {
    const fake = await startAsanaFake();
    expect(errorOf(await callTool(fake, updatePortfolio, { portfolio_id: fake.world.portfolio.gid })).message).toContain("must change something");
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("DeletePortfolio and AddPortfolioMembers", () => {
  test("deletes a portfolio; its projects stay", async () => {
    const fake = await startAsanaFake();
    const { portfolio, launch } = fake.world;
    expect(outputOf(await callTool(fake, deletePortfolio, { portfolio_id: portfolio.gid }))).toEqual({
      status: { success: true, message: `portfolio ${portfolio.gid} deleted; its projects stay` },
      portfolio: { id: portfolio.gid },
    });
    expect(fake.store.get(portfolio.gid)).toBeUndefined();
    expect(fake.store.get(launch.gid)).toBeDefined();
  });

  test("adds members by email or id, once each", async () => {
    const fake = await startAsanaFake();
    const { portfolio, me, colleague } = fake.world;
    Object.assign(portfolio, { members: [me.gid] });
    const output = outputOf(await callTool(fake, addPortfolioMembers, { portfolio_id: portfolio.gid, members: ["grace@acme.test", "grace@acme.test"] }));
    expect(output.portfolio).toEqual({
      id: portfolio.gid,
      name: "Launches",
      members: [
        { id: me.gid, name: "Ada Lovelace" },
        { id: colleague.gid, name: "Grace Hopper" },
      ],
    });
    expect(fake.requestsTo("POST", `/portfolios/${portfolio.gid}/addMembers`)[0]?.body).toEqual({ data: { members: "grace@acme.test" } });
  });
});
