import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import { rawExchange } from "./raw_http.ts";

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

function assertSecurityHeaders(headers: Headers) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    assert.equal(headers.get(name), value, name);
  }
  const csp = headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /connect-src 'self' ws: wss:/);
  assert.doesNotMatch(csp, /unsafe-inline/);
}

Deno.test("page - GET / renders the island on the server", async (t) => {
  const server = await startServer();
  try {
    const res = await fetch(`${server.origin}/`);
    const html = await res.text();

    await t.step("status and content type", () => {
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/html; charset=UTF-8");
      assert.ok(html.startsWith("<!DOCTYPE html>"));
    });

    await t.step("every security header, and no inline script", () => {
      assertSecurityHeaders(res.headers);
      const scripts = [
        ...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g),
      ];
      for (const [, attributes, body] of scripts) {
        const isData = attributes.includes('type="application/json"');
        assert.ok(isData || body === "", `inline script: ${attributes}`);
      }
    });

    await t.step("the island's markup and props are in the HTML", () => {
      assert.match(html, /<div data-island="EchoClient">/);
      assert.match(
        html,
        /<section class="client" aria-label="WebSocket client">/,
      );
      assert.match(
        html,
        /data-island-props="EchoClient">\{"path":"\/api\/ws"\}</,
      );
      assert.match(html, /<noscript>.*needs JavaScript/s);
      assert.match(
        html,
        new RegExp(`ws://127\\.0\\.0\\.1:${server.port}/api/ws`),
      );
    });

    await t.step(
      "the bundle URL is hashed, JavaScript, cached for a year",
      async () => {
        const src = html.match(/<script type="module" src="([^"]+)"/)?.[1];
        assert.match(src ?? "", /^\/_fresh\/hydrate-[0-9a-f]{12}\.js$/);
        const bundle = await fetch(`${server.origin}${src}`);
        assert.equal(bundle.status, 200);
        assert.match(
          bundle.headers.get("content-type") ?? "",
          /^text\/javascript/,
        );
        assert.equal(
          bundle.headers.get("cache-control"),
          "public, max-age=31536000, immutable",
        );
        assert.ok(bundle.headers.get("etag"));
        assert.match(await bundle.text(), /data-island/);
      },
    );

    await t.step("the stylesheet is hashed and served as CSS", async () => {
      const href = html.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
      assert.match(href ?? "", /^\/_fresh\/styles-[0-9a-f]{12}\.css$/);
      const css = await fetch(`${server.origin}${href}`);
      assert.equal(css.status, 200);
      assert.match(css.headers.get("content-type") ?? "", /^text\/css/);
      await css.body?.cancel();
    });
  } finally {
    await server.close();
  }
});

Deno.test("page - unknown paths get a 404 page with the security headers", async () => {
  const server = await startServer();
  try {
    const res = await fetch(`${server.origin}/no/such/page`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("content-type"), "text/html; charset=UTF-8");
    assertSecurityHeaders(res.headers);
    assert.match(await res.text(), /404: not found.*\/no\/such\/page/s);
  } finally {
    await server.close();
  }
});

Deno.test("page - a POST to / gets 405 with Allow", async () => {
  const server = await startServer();
  try {
    const res = await fetch(`${server.origin}/`, { method: "POST", body: "x" });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "GET, HEAD");
    await res.body?.cancel();
  } finally {
    await server.close();
  }
});

Deno.test("page - text is compressed for clients that accept it; hashed assets come precompressed", async () => {
  const server = await startServer();
  try {
    const page = await rawGet(server.port, "/", "gzip");
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-encoding"), "gzip");
    const html = await (await fetch(`${server.origin}/`)).text();
    const src = html.match(/<script type="module" src="([^"]+)"/)![1];
    const bundle = await rawGet(server.port, src, "br, gzip");
    assert.equal(bundle.status, 200);
    assert.equal(bundle.headers.get("content-encoding"), "br");
    assert.equal(bundle.headers.get("vary"), "Accept-Encoding");
    const plain = await rawGet(server.port, src, "identity");
    assert.equal(plain.headers.get("content-encoding"), null);
  } finally {
    await server.close();
  }
});

/** A GET whose Accept-Encoding the test controls (fetch sets its own). */
function rawGet(port: number, path: string, acceptEncoding: string) {
  return rawExchange(
    port,
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${acceptEncoding}\r\nConnection: close\r\n\r\n`,
  );
}
