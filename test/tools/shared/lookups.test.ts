import { afterEach, describe, expect, test } from "vitest";
import { ToolExecutionError, ToolRetryableError, type ProgressUpdate } from "../../../src/toolkit/index.js";
import { resolveProject, resolveTagIds, resolveWorkspaceId } from "../../../tools/shared/lookups.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { clientFor, closeClients } from "../../support/tool-harness.js";

afterEach(closeClients);

function sessionOf(fake: AsanaFake, token = fake.token) {
  return clientFor(fake).session({ token });
}

/** A tool context for the name lookups; `progress` collects what they report. */
function contextOf(fake: AsanaFake, progress: ProgressUpdate[] = []) {
  return { asana: sessionOf(fake), reportProgress: async (update: ProgressUpdate) => void progress.push(update) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the lookup to fail");
}

describe("resolveWorkspaceId (the unique-workspace rule)", () => {
  test("a workspace that was given is used as is, without asking Asana", async () => {
    const fake = await startAsanaFake();
    expect(await resolveWorkspaceId(sessionOf(fake), "123")).toBe("123");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a user with exactly one workspace gets that one", async () => {
    const fake = await startAsanaFake();
    fake.addToken("pat-grace", fake.world.colleague.gid);
    expect(await resolveWorkspaceId(sessionOf(fake, "pat-grace"), undefined)).toBe(fake.world.premium.gid);
  });

  test("a user with several is asked to choose, with every workspace listed", async () => {
    const fake = await startAsanaFake();
    const { premium, free } = fake.world;
    const error = await rejectionOf(resolveWorkspaceId(sessionOf(fake), undefined));
    expect(error).toBeInstanceOf(ToolRetryableError);
    expect(error.message).toBe("The user has several Asana workspaces; pass workspace_id to say which one (Asana_ListWorkspaces lists them).");
    expect((error as ToolRetryableError).additionalPromptContent).toBe(
      `Workspaces available: [{"id":"${premium.gid}","name":"Acme Corp"},{"id":"${free.gid}","name":"Personal Projects"}]`,
    );
  });

  test("a user with no workspace at all gets a plain failure", async () => {
    const fake = await startAsanaFake();
    const loner = fake.store.insert({ resource_type: "user", name: "Nobody", email: "nobody@example.test", photo: null, workspaces: [] });
    fake.addToken("pat-loner", loner.gid);
    const error = await rejectionOf(resolveWorkspaceId(sessionOf(fake, "pat-loner"), undefined));
    expect(error).toBeInstanceOf(ToolExecutionError);
    expect(error.message).toContain("belongs to no workspace");
  });
});

describe("resolveProject", () => {
  test("an id is fetched, and brings its name and workspace along", async () => {
    const fake = await startAsanaFake();
    const { launch, premium } = fake.world;
    expect(await resolveProject(contextOf(fake), launch.gid, undefined)).toEqual({ id: launch.gid, name: "Q4 Launch", workspaceId: premium.gid });
    expect(fake.requestsTo("GET", "/workspaces")).toHaveLength(0);
  });

  test("a name is found by typeahead, case-insensitively, in one request", async () => {
    const fake = await startAsanaFake();
    const { website, premium } = fake.world;
    expect(await resolveProject(contextOf(fake), "  website REDESIGN ", premium.gid)).toEqual({
      id: website.gid,
      name: "Website Redesign",
      workspaceId: premium.gid,
    });
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)[0]?.query).toEqual({
      resource_type: "project",
      query: "website REDESIGN",
      count: "100",
      opt_fields: "name",
    });
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
  });

  test("a name typeahead does not find exactly is looked for in the listing of unarchived projects", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const error = await rejectionOf(resolveProject(contextOf(fake), "Website", premium.gid));
    expect(error.message).toContain('No project named "Website"');
    expect(fake.requestsTo("GET", "/projects")[0]?.query).toEqual({ workspace: premium.gid, archived: "false", limit: "100", opt_fields: "name" });
  });

  test("a name lookup stays in the workspace given (Arcade ignored workspace_id here)", async () => {
    const fake = await startAsanaFake();
    const { home, free, premium, launch, website } = fake.world;
    expect(await resolveProject(contextOf(fake), "Home", free.gid)).toEqual({ id: home.gid, name: "Home", workspaceId: free.gid });

    const error = await rejectionOf(resolveProject(contextOf(fake), "Home", premium.gid));
    expect(error).toBeInstanceOf(ToolRetryableError);
    expect(error.message).toContain(`No project named "Home" in workspace ${premium.gid}`);
    expect((error as ToolRetryableError).additionalPromptContent).toBe(
      `Projects available: [{"id":"${launch.gid}","name":"Q4 Launch"},{"id":"${website.gid}","name":"Website Redesign"}]`,
    );
    expect(fake.requestsTo("GET", "/workspaces")).toHaveLength(0);
  });

  test("a name without a workspace, for a user with several, asks for the workspace first", async () => {
    const fake = await startAsanaFake();
    const error = await rejectionOf(resolveProject(contextOf(fake), "Home", undefined));
    expect(error).toBeInstanceOf(ToolRetryableError);
    expect((error as ToolRetryableError).additionalPromptContent).toMatch(/^Workspaces available: /);
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
  });

  test("two projects with the same name ask for the id, listing both", async () => {
    const fake = await startAsanaFake();
    const { launch, premium } = fake.world;
    const twin = fake.store.insert({ ...launch, gid: undefined, name: "q4 launch" });
    const error = await rejectionOf(resolveProject(contextOf(fake), "Q4 Launch", premium.gid));
    expect(error).toBeInstanceOf(ToolRetryableError);
    expect(error.message).toBe(`2 projects are named "Q4 Launch" in workspace ${premium.gid}; pass the project id instead.`);
    expect((error as ToolRetryableError).additionalPromptContent).toBe(
      `Matching projects: [{"id":"${launch.gid}","name":"Q4 Launch"},{"id":"${twin.gid}","name":"q4 launch"}]`,
    );
  });

  test("when typeahead finds the name more than once, the listing decides, and it skips archived projects", async () => {
    const fake = await startAsanaFake();
    const { website, premium } = fake.world;
    fake.store.insert({ ...website, gid: undefined, name: "Website Redesign", archived: true });
    expect(await resolveProject(contextOf(fake), "Website Redesign", premium.gid)).toEqual({
      id: website.gid,
      name: "Website Redesign",
      workspaceId: premium.gid,
    });
    expect(fake.requestsTo("GET", /\/typeahead$/)).toHaveLength(1);
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(1);
  });

  test("the scan pages through Asana's 100-per-page lists, reporting progress between pages", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    for (let i = 1; i <= 150; i += 1) fake.store.insert({ ...fake.world.website, gid: undefined, name: `Filler ${i}` });
    // An archived twin makes typeahead's answer ambiguous, so the listing is paged through.
    fake.store.insert({ ...fake.world.website, gid: undefined, name: "Filler 150", archived: true });
    const progress: ProgressUpdate[] = [];
    const found = await resolveProject(contextOf(fake, progress), "filler 150", premium.gid);
    expect(found.name).toBe("Filler 150");
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(2);
    expect(progress).toEqual([{ progress: 100, message: "looked through 100 projects so far" }]);
  });
});

describe("resolveTagIds", () => {
  test("ids pass through without any request", async () => {
    const fake = await startAsanaFake();
    expect(await resolveTagIds(contextOf(fake), ["111", " 222 "], fake.world.premium.gid)).toEqual({ ids: ["111", "222"], missing: [], available: [] });
    expect(fake.exchanges).toHaveLength(0);
  });

  test("names are found in the given workspace only, and unknown ones reported", async () => {
    const fake = await startAsanaFake();
    const { premium, free, urgent, blocked } = fake.world;
    const freeUrgent = fake.store.insert({ ...urgent, gid: undefined, workspace: free.gid });

    const inPremium = await resolveTagIds(contextOf(fake), ["URGENT", "blocked", "someday"], premium.gid);
    expect(inPremium.ids).toEqual([urgent.gid, blocked.gid]);
    expect(inPremium.missing).toEqual(["someday"]);

    const inFree = await resolveTagIds(contextOf(fake), ["urgent", "blocked"], free.gid);
    expect(inFree.ids).toEqual([freeUrgent.gid]);
    expect(inFree.missing).toEqual(["blocked"]);
    expect(fake.requestsTo("GET", "/tags").map((e) => e.query.workspace)).toEqual([premium.gid, free.gid]);
  });
});
