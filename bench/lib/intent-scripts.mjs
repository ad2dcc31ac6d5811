// Twelve everyday requests, each scripted as the tool calls a model would make starting from the names a
// user says (never an id), once for this server (its default profile over stdio) and once for RC, the
// community server @roychri/mcp-server-asana. Both run against the sandbox's demo world.
//
// A script gets `use(tool, args)`, which calls the tool and answers its output parsed from the text the
// model reads; a script takes ids only from earlier answers. Ours names tools without the Asana_ prefix.
// `rc: undefined` with `rcCannot` says why RC cannot do the request.
//
// `needs` is the fewest sequential Asana rounds the request can take through Asana's API on any plan,
// starting from names, with the reason; the goal is that ours takes no more. The workspace is looked up
// once; a task found by name takes typeahead (names only) and then a read of what tells it apart or
// what the next step needs; a project, template or person found by exact name takes typeahead alone.

/** YYYY-MM-DD of a UTC day. */
const day = (date) => date.toISOString().slice(0, 10);

/** The dates a request names, from today (UTC, as the sandbox counts days). */
export function intentDates(today = new Date()) {
  const utc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const weekday = today.getUTCDay();
  const dayMs = 86_400_000;
  const monday = new Date(utc - ((weekday + 6) % 7) * dayMs);
  // "Friday": this week's, or next week's once this week's has passed.
  const friday = new Date(utc + ((5 - weekday + 7) % 7) * dayMs);
  const yesterday = new Date(utc - dayMs);
  // "Q3": the next July to September that has not started yet.
  const q3Year = today.getUTCMonth() < 6 ? today.getUTCFullYear() : today.getUTCFullYear() + 1;
  return { today: day(new Date(utc)), monday: day(monday), friday: day(friday), yesterday: day(yesterday), q3Start: `${q3Year}-07-01`, q3Year };
}

/** RC needs a workspace gid for every search: a chat starts by listing the workspaces. */
async function rcWorkspace(use) {
  const [workspace] = await use("asana_list_workspaces", {});
  return workspace.gid;
}

/** RC's project lookup by name: a regular expression over the workspace's projects. */
async function rcProject(use, workspace, pattern) {
  const [project] = await use("asana_search_projects", { workspace, name_pattern: pattern });
  return project.gid;
}

/** RC's task lookup by words: workspace search (paid plans), with the fields the next step needs. */
async function rcTask(use, workspace, text, optFields) {
  const [task] = await use("asana_search_tasks", { workspace, text, ...(optFields ? { opt_fields: optFields } : {}) });
  return task;
}

export function intentScripts(dates = intentDates()) {
  return [
    {
      id: "plate",
      intent: "what's on my plate",
      needs: { rounds: 2, why: "the workspace, then the user's open tasks in it" },
      ours: async (use) => use("ListMyTasks", {}),
      // get_my_tasks' description suggests these fields; completed_since "now" keeps open tasks only.
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        return use("asana_get_my_tasks", { workspace, completed_since: "now", opt_fields: "name,due_on,completed,assignee_section,assignee_section.name" });
      },
    },
    {
      id: "move-to-done",
      intent: 'move "Fix crash when opening settings offline" to Done',
      needs: { rounds: 5, why: "the workspace, the task by name (typeahead), the task's projects, their sections, the move" },
      ours: async (use) => {
        const task = (await use("SearchByName", { query: "Fix crash" })).items[0];
        return use("MoveTaskToSection", { task_id: task.id, section_id: "Done" });
      },
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const task = await rcTask(use, workspace, "Fix crash", "name,projects");
        const sections = await use("asana_get_project_sections", { project_id: task.projects[0].gid });
        return use("asana_add_task_to_section", { section_id: sections.find((s) => s.name === "Done").gid, task_id: task.gid });
      },
    },
    {
      id: "priority-high",
      intent: 'set Priority to High on "Plan the launch announcement"',
      needs: { rounds: 4, why: "the workspace, the task by name (typeahead), its fields' options, the write" },
      ours: async (use) => {
        const task = (await use("SearchByName", { query: "launch announcement" })).items[0];
        return use("UpdateTask", { task_id: task.id, custom_fields: [{ field: "Priority", value: "High" }] });
      },
      // RC takes custom fields as {field gid: option gid}: the option's gid comes from the task's fields.
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const found = await rcTask(use, workspace, "launch announcement");
        const task = await use("asana_get_task", { task_id: found.gid, opt_fields: "custom_fields.name,custom_fields.enum_options.name" });
        const priority = task.custom_fields.find((field) => field.name === "Priority");
        const high = priority.enum_options.find((option) => option.name === "High");
        return use("asana_update_task", { task_id: found.gid, custom_fields: { [priority.gid]: high.gid } });
      },
    },
    {
      id: "three-in-design",
      intent: "create three tasks in the Design section of Website",
      needs: { rounds: 5, why: "the workspace, the project by name, its sections, the three creates at once, the three placements at once" },
      // CreateTasks is outside the default profile: it is switched on first, alone, by the name
      // EnableToolset's description cites.
      ours: async (use) => {
        await use("EnableToolset", { tool: "Asana_CreateTasks" });
        return use("CreateTasks", {
          tasks: ["Sketch the pricing page", "Pick the hero image", "Write the FAQ copy"].map((name) => ({
            name,
            project: "Website Refresh",
            section: "Design",
          })),
        });
      },
      // RC's create_task has no section: each task lands in the first section and is moved after.
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const project = await rcProject(use, workspace, "Website");
        const design = (await use("asana_get_project_sections", { project_id: project })).find((s) => s.name === "Design");
        for (const name of ["Sketch the pricing page", "Pick the hero image", "Write the FAQ copy"]) {
          const task = await use("asana_create_task", { project_id: project, name });
          await use("asana_add_task_to_section", { section_id: design.gid, task_id: task.gid });
        }
      },
    },
    {
      id: "changed-since-monday",
      intent: "what changed in Mobile since Monday",
      needs: { rounds: 3, why: "the workspace, the project by name, the search" },
      ours: async (use) => use("GetTasksWithoutId", { project: "Mobile App Launch", modified_since: dates.monday }),
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const project = await rcProject(use, workspace, "Mobile");
        return use("asana_search_tasks", {
          workspace,
          projects_any: project,
          modified_at_after: `${dates.monday}T00:00:00Z`,
          opt_fields: "name,completed,assignee.name,due_on,modified_at",
        });
      },
    },
    {
      id: "at-risk-status",
      intent: "post an at-risk status on Website Refresh",
      needs: { rounds: 3, why: "the workspace, the project by name, the post" },
      // CreateStatusUpdate is switched on alone, by the name EnableToolset's description cites.
      ours: async (use) => {
        await use("EnableToolset", { tool: "Asana_CreateStatusUpdate" });
        return use("CreateStatusUpdate", {
          parent_id: "Website Refresh",
          status_type: "at_risk",
          title: "Pricing page slipping",
          text: "Copy review moved to next week.",
        });
      },
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const project = await rcProject(use, workspace, "Website");
        return use("asana_create_project_status", {
          project_gid: project,
          color: "yellow",
          title: "Pricing page slipping",
          text: "Copy review moved to next week.",
        });
      },
    },
    {
      id: "template-for-q3",
      intent: "duplicate the launch template for Q3",
      needs: {
        rounds: 4,
        why: "the workspace, the template by name, the dates and roles it asks for, the instantiation (the emulator finishes the job at once)",
      },
      ours: async (use) => {
        await use("EnableToolset", { toolset: "templates" });
        return use("CreateProjectFromTemplate", { template_id: "Product launch", name: `Product launch Q3 ${dates.q3Year}`, start_on: dates.q3Start });
      },
      rc: undefined,
      rcCannot: "RC has no template tools (nor a project duplicate)",
    },
    {
      id: "comment",
      intent: 'comment on "Launch v2.0 of the mobile app"',
      needs: { rounds: 4, why: "the workspace, the task by name (typeahead), a read that tells it apart, the comment" },
      ours: async (use) => {
        const task = (await use("SearchByName", { query: "Launch v2.0" })).items[0];
        return use("AddCommentToTask", { task_id: task.id, text: "Icon is in; submitting today." });
      },
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const task = await rcTask(use, workspace, "Launch v2.0");
        return use("asana_create_task_story", { task_id: task.gid, text: "Icon is in; submitting today." });
      },
    },
    {
      id: "who-is-on",
      intent: "who is on Website Refresh",
      needs: { rounds: 3, why: "the workspace, the project by name, its members" },
      // GetProjectById is outside the default profile: switched on alone, as EnableToolset's description shows.
      ours: async (use) => {
        await use("EnableToolset", { tool: "Asana_GetProjectById" });
        return use("GetProjectById", { project_id: "Website Refresh" });
      },
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const project = await rcProject(use, workspace, "Website");
        return use("asana_get_project", { project_id: project, opt_fields: "name,members.name" });
      },
    },
    {
      id: "overdue-in-project",
      intent: "what's overdue in Mobile",
      needs: { rounds: 3, why: "the workspace, the project by name, the search" },
      ours: async (use) => use("GetTasksWithoutId", { project: "Mobile App Launch", due_on_or_before: dates.yesterday, completed: false }),
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const project = await rcProject(use, workspace, "Mobile");
        return use("asana_search_tasks", {
          workspace,
          projects_any: project,
          due_on_before: dates.today,
          completed: false,
          opt_fields: "name,due_on,assignee.name",
        });
      },
    },
    {
      id: "assign-and-due",
      intent: 'assign "Audit page load times" to Dana, due Friday',
      needs: { rounds: 4, why: "the workspace, the task and the person by name at once (typeahead), a read that tells the task apart, the write" },
      // UpdateTask looks the person up by name.
      ours: async (use) => {
        const task = (await use("SearchByName", { query: "Audit page load" })).items[0];
        return use("UpdateTask", { task_id: task.id, assignee_id: "Dana", due_date: dates.friday });
      },
      // RC has no user lookup: Dana's gid comes from the members of the task's project.
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        const task = await rcTask(use, workspace, "Audit page load", "name,projects");
        const project = await use("asana_get_project", { project_id: task.projects[0].gid, opt_fields: "members.name" });
        const dana = project.members.find((member) => member.name.startsWith("Dana"));
        return use("asana_update_task", { task_id: task.gid, assignee: dana.gid, due_on: dates.friday });
      },
    },
    {
      id: "find-task",
      intent: "find the task about store screenshots",
      needs: { rounds: 3, why: "the workspace, the task by name (typeahead), a read that tells tasks apart (typeahead answers names only)" },
      ours: async (use) => use("SearchByName", { query: "store screenshots" }),
      rc: async (use) => {
        const workspace = await rcWorkspace(use);
        return use("asana_search_tasks", { workspace, text: "store screenshots", opt_fields: "name,completed,assignee.name,projects.name,parent.name" });
      },
    },
  ];
}
