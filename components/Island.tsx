import type { ComponentChildren } from "preact";

/**
 * Marks server-rendered markup as an island and writes its props beside it
 * as a JSON data block, which `client/hydrate.tsx` reads.
 */
export function Island(
  { name, props, children }: {
    name: string;
    props: Record<string, unknown>;
    children: ComponentChildren;
  },
) {
  // "<" escaped so a prop can never end the script element early.
  const json = JSON.stringify(props).replace(/</g, "\\u003c");
  return (
    <>
      <div data-island={name}>{children}</div>
      <script
        type="application/json"
        data-island-props={name}
        // JSON with "<" escaped is inert inside a data block.
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: json }}
      />
    </>
  );
}
