import type { ComponentChildren, ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/** Props of {@linkcode LazyDetails}. */
export interface LazyDetailsProps<P> {
  /** The disclosure's always-visible label. */
  summary: ComponentChildren;
  /** Class of the `<details>` element. */
  class?: string;
  /** Loads the body's component, e.g. `() => import("./X.tsx").then(m => m.X)`. */
  load: () => Promise<ComponentType<P>>;
  /** The body's props. */
  props: P;
  /** Opens the disclosure when it turns true (a restored link, say). */
  open?: boolean;
}

/**
 * A `<details>` whose body is a component loaded the first time it opens.
 * The build puts a module imported with `import()` in a chunk of its own, so
 * a panel few people open costs nothing on every page load. Closed on the
 * server and at hydration, so both render the same markup.
 */
export function LazyDetails<P>(
  { summary, class: className, load, props, open }: LazyDetailsProps<P>,
) {
  const details = useRef<HTMLDetailsElement>(null);
  // Setting `open` fires `toggle`, which loads the body.
  useEffect(
    () => void (open && details.current && (details.current.open = true)),
    [open],
  );
  const [Body, setBody] = useState<ComponentType<P> | null>(null);
  const [failed, setFailed] = useState("");
  const [requested, setRequested] = useState(false);
  const toggle = (event: Event) => {
    if (requested || !(event.currentTarget as HTMLDetailsElement).open) return;
    setRequested(true);
    // A component is a function: wrapped, so that setState stores it rather
    // than calling it as an updater.
    load().then(
      (component) => setBody(() => component),
      (error) => setFailed(`Could not load this panel: ${error}`),
    );
  };
  return (
    <details ref={details} class={className} onToggle={toggle}>
      <summary>{summary}</summary>
      {Body
        ? <Body {...props as P & Record<string, unknown>} />
        : requested && (
          <p class={failed ? "problem" : "hint"} role="status">
            {failed || "Loading…"}
          </p>
        )}
    </details>
  );
}
