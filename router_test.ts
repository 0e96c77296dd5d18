import assert from "node:assert/strict";
import type { RouteModule, State } from "./context.ts";
import { allowedMethods, respond } from "./router.tsx";

const INFO = {} as Deno.ServeHandlerInfo;
const STATE = {} as State;

const route: RouteModule = {
  handler: {
    GET: () => new Response("got", { headers: { "X-Route": "yes" } }),
    POST: (ctx) => new Response(`posted to ${ctx.url.pathname}`),
  },
};

function request(method: string): Request {
  return new Request("http://example.test/thing", { method });
}

Deno.test("router - each exported method answers, and HEAD comes from GET", async () => {
  assert.equal(
    await (await respond(route, request("GET"), INFO, STATE)).text(),
    "got",
  );
  assert.equal(
    await (await respond(route, request("POST"), INFO, STATE)).text(),
    "posted to /thing",
  );
  const head = await respond(route, request("HEAD"), INFO, STATE);
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("x-route"), "yes");
  assert.equal(head.body, null);
});

Deno.test("router - a method the module does not export gets 405 with Allow", async () => {
  const res = await respond(route, request("DELETE"), INFO, STATE);
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, HEAD, POST");
  assert.equal(
    await res.text(),
    "Method DELETE is not allowed; use GET, HEAD, POST\n",
  );
});

Deno.test("router - Allow lists HEAD only where GET is exported", () => {
  assert.deepEqual(
    allowedMethods({ handler: { POST: () => new Response() } }),
    [
      "POST",
    ],
  );
  assert.deepEqual(allowedMethods({}), []);
});

Deno.test("router - ctx.render without a page component throws TypeError", () => {
  const bare: RouteModule = { handler: { GET: (ctx) => ctx.render() } };
  assert.throws(() => respond(bare, request("GET"), INFO, STATE), TypeError);
});

Deno.test("router - a method named like an Object property is not a handler", async () => {
  const res = await respond(route, request("toString"), INFO, STATE);
  assert.equal(res.status, 405);
  await res.body?.cancel();
});
