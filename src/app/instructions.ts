/** Server instructions: how the tools fit together, returned to the model at initialize. */
export const serverInstructions = `These tools act on the user's Asana account: tasks, projects, sections, comments, tags, users, teams and workspaces.

How they fit together:
- Ids: every Asana object has an id (a string of digits). Tools that take an id say which tool finds it.
- Workspaces: a tool given a project, team or parent task by id works in its workspace; otherwise, when the user has exactly one workspace, tools use it automatically. Else pass workspace_id, from Asana_ListWorkspaces.
- Finding things: Asana_SearchByName finds tasks, projects, people and more by name on any plan; Asana_ListMyTasks lists a user's tasks; Asana_GetTasksWithoutId searches with filters (paid Asana plans only); Asana_ListTasksInProject lists a project's or a section's tasks, and Asana_GetSubtasksFromATask a task's subtasks.
- Names: projects and tags can be given by name or id; if a name is unknown or ambiguous the error lists the choices.
- Paging: list tools return up to limit items (1-100) and next_page.next_page_token; pass it back as next_page_token to get the next page. Stop when has_more_pages is false; a page that filters (completed, activity) may be short before then.
- Long answers: reads answer within a byte budget (usually 8 KB of text); max_bytes (2048 to 102400) sets another. A cut answer has truncated: left_out counts what it left out, and rest holds the exact calls that fetch it.
- Errors: a failed call explains what went wrong and what to pass instead; read it and retry with corrected arguments rather than guessing.
- Authorization: if a result asks the user to open an authorization link, show the link to the user and retry the same call after they approve.
- Creating: every create takes idempotency_key, any id you choose (e.g. a UUID). Sending the same create with the same key again returns the first result and makes nothing twice: use it when retrying a create whose answer you did not get.
- Deleting: Asana_DeleteTask moves a task to the user's trash. Confirm with the user before deleting.
- Previews: every write takes dry_run: true, which writes nothing and answers with the exact change and a confirm_token. Show the change to the user; if they agree, call again with the same arguments plus confirm_token to do exactly that write.`;

/** Prepended to the instructions in --sandbox mode, so the model never presents demo data as real. */
export const sandboxInstructions = `SANDBOX MODE: this server is connected to asana-mcp's built-in Asana emulator, not to a real Asana account. All workspaces, people, projects and tasks are demo data ("Sandbox Co."), and changes are lost when the server stops. Say so when you show results to the user.`;

/** Added to every successful result in --sandbox mode. */
export const sandboxResultNotice = "Sandbox data: this comes from asana-mcp's built-in emulator (demo data, not a real Asana account).";
