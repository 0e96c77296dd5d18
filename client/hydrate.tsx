/**
 * The browser entry: hydrates each server-rendered island with the props the
 * server wrote beside it as JSON (a data block, not a script, so the page's
 * CSP needs no inline script).
 *
 * @module
 */

import { type FunctionComponent, hydrate } from "preact";
import EchoClient from "../islands/EchoClient.tsx";

// deno-lint-ignore no-explicit-any
const ISLANDS: Record<string, FunctionComponent<any>> = { EchoClient };

for (const root of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const Island = ISLANDS[root.dataset.island ?? ""];
  if (!Island) continue;
  const data = root.nextElementSibling;
  const props = data?.matches("script[data-island-props]")
    ? JSON.parse(data.textContent ?? "{}")
    : {};
  hydrate(<Island {...props} />, root);
  root.dataset.hydrated = "true";
}
// Read by bench/page_timing.ts: when the page became interactive.
performance.mark("islands-hydrated");
