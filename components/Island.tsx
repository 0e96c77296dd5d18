import type { FunctionComponent } from "preact";

/**
 * Renders `component` with `props` on the server, marked as the island
 * `name`, and writes the same props beside it as a JSON data block, which
 * `client/hydrate.tsx` reads: the props are written once.
 */
export function Island<P extends object>(
  { name, component: Component, props }: {
    name: string;
    component: FunctionComponent<P>;
    props: P;
  },
) {
  // "<" escaped so a prop can never end the script element early.
  const json = JSON.stringify(props).replace(/</g, "\\u003c");
  return (
    <>
      <div data-island={name}>
        <Component {...props} />
      </div>
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
