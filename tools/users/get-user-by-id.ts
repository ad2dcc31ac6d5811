import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, userParam } from "../../src/toolkit/index.js";
import { findUserHint } from "../shared/hints.js";
import { presentUser, userOptFields, userShape, type AsanaUser } from "./model.js";

export const getUserById = defineTool({
  name: "GetUserById",
  title: "Get a user",
  toolset: "users",
  description: 'Get a user\'s id, name, email and workspaces; "me" is the current user.',
  input: () =>
    z.strictObject({
      user_id: userParam("The user", findUserHint),
    }),
  // Arcade returns Asana's raw `{data: …}` wrapper under `user`; here `user` is the user itself.
  output: () => z.object({ user: userShape }),
  annotations: annotate.read,
  errorHints: { 404: `No user has this id or email, or they share no workspace with the current user. ${findUserHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaUser>(asanaPath`/users/${input.user_id}`, { optFields: userOptFields });
    return { user: presentUser(raw) };
  },
});
