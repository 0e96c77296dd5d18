import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Assets } from "../core/assets.ts";

/** The HTML document around every page. */
export function Page(
  { title, assets, children }: {
    title: string;
    assets: Assets;
    children: ComponentChildren;
  },
) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta
          name="description"
          content="A WebSocket echo server and a live client that shows what the browser's WebSocket API is doing."
        />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={assets.style} />
        <script type="module" src={assets.script} />
        {assets.preload?.map((href) => (
          <link key={href} rel="modulepreload" href={href} />
        ))}
        {assets.reload && <script type="module" src={assets.reload} />}
      </head>
      <body>{children}</body>
    </html>
  );
}

/** Renders a page to a complete HTML document. */
export function renderPage(page: preact.VNode): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}
