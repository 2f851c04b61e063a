import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow, trpc } from "./api-kit";

// A server nobody has signed up on: this spec is its first person.
const fresh = process.env.ORKA_E2E_FRESH_URL!;
const signedOut = { cookies: [], origins: [] };
test.use({ baseURL: fresh, storageState: signedOut, viewport: { width: 1600, height: 900 } });

const owner = { name: "Olivia Owner", email: "olivia@acme.test", password: "olivia's long password" };
const viewer = { name: "Victor Viewer", email: "victor@acme.test", password: "victor's long password" };

async function fillAccount(page: Page, person: { name: string; email: string; password: string }) {
  await page.getByRole("textbox", { name: "Name" }).fill(person.name);
  await page.getByRole("textbox", { name: "Email" }).fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("sign up, make a team, invite a viewer by link; the viewer cannot edit; publish a template, find it by tag, use it, run it", async ({ page, browser, consoleErrors }) => {
  test.setTimeout(120_000);

  // The first person on the install is asked to create the owner account.
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await fillAccount(page, owner);
  await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
  const sessionCookie = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("session_token"));
  expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  // A team of her own, which she then acts in.
  await page.getByRole("combobox", { name: "Team" }).selectOption({ label: "Create team…" });
  const createTeam = page.getByRole("dialog", { name: "Create team" });
  await createTeam.getByRole("textbox", { name: "Team name" }).fill("Acme");
  await createTeam.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("combobox", { name: "Team" })).toContainText("Acme");
  await page.goto("/settings/team");
  await expect(page.getByRole("textbox", { name: "Team name" })).toHaveValue("Acme");

  const workflowId = await publishedWorkflow(
    page.request,
    "acme_orders",
    { steps: [{ id: "total", type: "noop", config: { output: "{ 'total': 40 + 2 }" } }], edges: [] },
    fresh,
  );
  const workflowName = (await trpc<{ name: string }>(page.request, "workflows.get", { workflowId }, "query", fresh)).name;

  // An invite link for a viewer, shown once.
  const inviteForm = page.getByRole("form", { name: "Create an invite link" });
  await inviteForm.getByRole("combobox", { name: "Role" }).selectOption("viewer");
  await inviteForm.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByRole("textbox", { name: "Invite link" }).inputValue();
  expect(link).toMatch(new RegExp(`^${fresh}/invite/[A-Za-z0-9_-]{43}$`));

  // Victor opens it in his own browser and creates his account through it.
  const victorContext = await browser.newContext({ baseURL: fresh, storageState: signedOut, viewport: { width: 1600, height: 900 } });
  const victor = await victorContext.newPage();
  await victor.goto(link);
  await expect(victor.getByRole("heading", { name: "Join Acme" })).toBeVisible();
  await victor.getByRole("link", { name: "Create an account" }).click();
  await expect(victor.getByText("invited you to join “Acme” as viewer")).toBeVisible();
  await fillAccount(victor, viewer);
  const victorsWorkflows = victor.getByRole("list", { name: "Workflows" });
  await expect(victorsWorkflows.getByRole("article", { name: workflowName })).toBeVisible();
  await expect(victor.getByRole("button", { name: "New workflow" })).toHaveCount(0);
  await expect(victor.getByRole("button", { name: `Rename ${workflowName}` })).toHaveCount(0);
  await expect(victor.getByRole("button", { name: `Delete ${workflowName}` })).toHaveCount(0);
  await victor.goto(`/workflows/${workflowId}`);
  await expect(victor.getByRole("heading", { name: workflowName })).toBeVisible();
  await expect(victor.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await expect(victor.getByRole("button", { name: "Publish as template" })).toHaveCount(0);

  // A mutation forged by hand from his signed-in page is refused by the server, and changes nothing.
  consoleErrors.expect(/status of (403|415) .*workflows\.rename/);
  const forged = await victor.evaluate(async (id) => {
    const response = await fetch("/api/trpc/workflows.rename", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { workflowId: id, name: "hijacked" } }),
    });
    return { status: response.status, body: await response.text() };
  }, workflowId);
  expect(forged.status).toBe(403);
  expect(forged.body).toContain("needs the editor role");

  // So is one sent from another site (another port of this host gets the owner's cookie: same-site).
  const elsewhere = await page.context().newPage();
  await elsewhere.goto(`${process.env.ORKA_E2E_URL}/sign-in`);
  await elsewhere.evaluate(
    async ({ target, id }) => {
      await fetch(`${target}/api/trpc/workflows.rename`, { method: "POST", mode: "no-cors", credentials: "include", body: JSON.stringify({ json: { workflowId: id, name: "forged" } }) });
    },
    { target: fresh, id: workflowId },
  );
  await elsewhere.close();
  expect((await trpc<{ name: string }>(page.request, "workflows.get", { workflowId }, "query", fresh)).name).toBe(workflowName);

  // Olivia publishes the workflow as a team template tagged "reporting".
  await page.goto(`/workflows/${workflowId}`);
  await page.getByRole("button", { name: "Publish as template" }).click();
  const publish = page.getByRole("dialog", { name: "Publish as template" });
  await publish.getByRole("textbox", { name: "Title" }).fill("Acme order totals");
  await publish.getByRole("textbox", { name: "Description" }).fill("Adds up an order.");
  await publish.getByRole("checkbox", { name: "reporting" }).check();
  await publish.getByRole("button", { name: "Publish template" }).click();
  await expect(publish.getByRole("status")).toContainText("Published version 1");
  await publish.getByRole("button", { name: "Done" }).click();

  // Victor finds it in the gallery by its tag (he may look, not use).
  await victor.goto("/templates");
  await victor.getByRole("group", { name: "Filter by tag" }).getByRole("button", { name: /reporting/ }).click();
  const gallery = victor.getByRole("list", { name: "Templates" });
  await expect(gallery.getByRole("link", { name: "Acme order totals" })).toBeVisible();
  await expect(gallery.getByRole("link", { name: /checkout/i })).toHaveCount(0);
  await gallery.getByRole("link", { name: "Acme order totals" }).click();
  await expect(victor.getByRole("heading", { name: "Acme order totals" })).toBeVisible();
  await expect(victor.getByRole("button", { name: "Use template" })).toHaveCount(0);

  // He changes his password, and only the new one signs him in. Only the server knows a password is wrong.
  consoleErrors.expect(/status of 400 .*auth\/change-password/, /status of 401 .*auth\/sign-in\/email/);
  const newPassword = "victor's newer password";
  await victor.goto("/settings/account");
  const change = victor.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill("not his password");
  await change.getByLabel(/^New password/).fill(newPassword);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByRole("alert").filter({ hasText: "The current password is not right." })).toBeVisible();
  await change.getByLabel("Current password").fill(viewer.password);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByRole("status")).toHaveText("Password changed.");
  await victor.getByRole("button", { name: "Sign out" }).click();
  await expect(victor).toHaveURL(/\/sign-in$/);
  for (const password of [viewer.password, newPassword]) {
    await victor.getByRole("textbox", { name: "Email" }).fill(viewer.email);
    await victor.getByLabel("Password").fill(password);
    await victor.getByRole("button", { name: "Sign in" }).click();
    if (password === viewer.password) await expect(victor.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  }
  await expect(victor.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
  await victorContext.close();

  // Olivia uses it: a new workflow, published and ready, that runs to completion.
  await page.goto("/templates");
  await page.getByRole("group", { name: "Filter by tag" }).getByRole("button", { name: /reporting/ }).click();
  await page.getByRole("list", { name: "Templates" }).getByRole("link", { name: "Acme order totals" }).click();
  await page.getByRole("button", { name: "Use template" }).click();
  const use = page.getByRole("dialog", { name: "Use template" });
  await use.getByRole("textbox", { name: "Workflow name" }).fill("order_totals_copy");
  await use.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "order_totals_copy" })).toBeVisible();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const run = page.getByRole("dialog", { name: "Run workflow" });
  await run.getByRole("button", { name: "Start run" }).click();
  const result = run.getByRole("region", { name: "Run result" });
  await expect(result).toContainText("completed");
  await expect(result).toContainText('"total": 42');
});
