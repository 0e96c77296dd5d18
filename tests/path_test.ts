import assert from "node:assert/strict";
import { copyProject } from "./project_copy.ts";
import { spawnServer } from "./server_process.ts";

Deno.test("path - a checkout under a path with a space builds, starts and serves the page", async () => {
  const project = await copyProject();
  assert.match(project.dir, / /);
  const server = await spawnServer({ LOG_LEVEL: "warn" }, {
    root: project.dir,
  });
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const page = await fetch(`${origin}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = html.match(/<script type="module" src="([^"]+)"/)![1];
    const style = html.match(/<link rel="stylesheet" href="([^"]+)"/)![1];
    const bundle = await fetch(`${origin}${script}`);
    assert.equal(bundle.status, 200);
    assert.match(await bundle.text(), /islands-hydrated/);
    const css = await fetch(`${origin}${style}`);
    assert.equal(css.status, 200);
    assert.equal(
      await css.text(),
      await Deno.readTextFile(`${project.dir}/static/styles.css`),
    );
    const favicon = await fetch(`${origin}/static/favicon.svg`);
    assert.equal(favicon.status, 200);
    await favicon.body?.cancel();
  } finally {
    server.child.kill("SIGTERM");
    await server.status;
    await project.remove();
  }
});
