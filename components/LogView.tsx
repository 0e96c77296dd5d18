import { useSignal } from "@preact/signals";
import type { ComponentType } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { LogEntry } from "../client/event_log.ts";
import {
  countNewer,
  drawEarlier,
  drawnEntries,
  followingWindow,
  followLive,
  hasEarlier,
  type LogWindow,
} from "../client/log_window.ts";
import { HexProbe } from "./HexProbe.tsx";
import type { EntryProps, LogViewOptions } from "./LogEntry.tsx";

// The log holds nothing before the first connect, so how an entry is drawn
// (its body, copy buttons and JSON record) loads right after the page is
// interactive, as the timeline chart does: it is there by the first flush.
let entryView: Promise<ComponentType<EntryProps>> | undefined;

/**
 * The event log: a polite live region holding a list, newest entry last. It
 * follows new entries until the reader scrolls up, and offers a way back
 * down below the list, where it covers no entry. Following, it draws the
 * newest few hundred entries; scrolled up, the reader's place holds while
 * earlier ones are drawn above it (see client/log_window.ts).
 */
export function LogView(
  { entries, options }: {
    entries: readonly LogEntry[];
    options: LogViewOptions;
  },
) {
  const region = useRef<HTMLDivElement>(null);
  const following = useSignal(true);
  const view = useRef<LogWindow>(followingWindow(entries));
  // The first entry drawn and where it stood, before earlier ones go above.
  const anchor = useRef<{ el: Element; top: number } | null>(null);
  // Where following last put the view: its scrollTop and clientHeight.
  const pinned = useRef([0, 0]);
  const [, redraw] = useState(0);
  const [Entry, setEntry] = useState<ComponentType<EntryProps> | null>(null);
  useEffect(() => {
    entryView ??= import("./LogEntry.tsx").then((m) => m.KeptEntry);
    // A component is a function: wrapped, so that setState stores it.
    entryView.then((component) => setEntry(() => component));
  }, []);
  view.current = followLive(view.current, entries, following.value);
  const drawn = drawnEntries(view.current);
  const newer = countNewer(view.current, entries);

  useLayoutEffect(() => {
    const el = region.current;
    if (!el) return;
    const held = anchor.current;
    anchor.current = null;
    if (following.peek()) pin(el);
    else if (held) {
      el.scrollTop += held.el.getBoundingClientRect().top - held.top;
    }
  });

  // Entries off screen are laid out at an estimated height
  // (content-visibility) and take their real one when they come into view,
  // as the log does when a phone's reader scrolls down to it: the bottom
  // moves away without a scroll event, so following watches the list.
  const listed = drawn.length > 0 && Entry !== null;
  useEffect(() => {
    const el = region.current;
    const list = el?.querySelector(".entries");
    if (!el || !list) return;
    const observer = new ResizeObserver(() => {
      if (following.peek()) pin(el);
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [listed]);

  // Scrolled up, earlier entries are drawn a step at a time, so none of
  // the steps holds the page for long.
  useEffect(() => {
    if (following.value || !hasEarlier(view.current)) return;
    const timer = setTimeout(() => {
      const first = region.current?.querySelector(".entries > li");
      if (first) {
        anchor.current = { el: first, top: first.getBoundingClientRect().top };
      }
      view.current = drawEarlier(view.current);
      redraw((n) => n + 1);
    }, 30);
    return () => clearTimeout(timer);
  });

  function pin(el: HTMLElement) {
    el.scrollTop = el.scrollHeight;
    pinned.current = [el.scrollTop, el.clientHeight];
  }

  function onScroll() {
    const el = region.current;
    if (!el) return;
    // A few pixels of slack: zoom and fractional sizes leave a remainder.
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    // Following, only the reader moves the view up. Entries that grew once
    // drawn, or a log that got shorter (Log options opened), move the
    // bottom away or the view with it: the log keeps to the bottom.
    const [top, height] = pinned.current;
    if (
      !atBottom && following.peek() &&
      (el.scrollTop >= top || el.clientHeight !== height)
    ) pin(el);
    else following.value = atBottom;
  }

  // A flush may scroll to the bottom between the reader's scroll and its
  // scroll event, which then reads "at the bottom": under a firehose the
  // reader could never get away. Scrolling up by wheel or key says it first.
  function onWheel(e: WheelEvent) {
    if (e.deltaY < 0 && region.current!.scrollTop > 0) following.value = false;
  }

  function onKeyDown(e: KeyboardEvent) {
    if (["ArrowUp", "PageUp", "Home"].includes(e.key)) following.value = false;
  }

  function jumpToLatest() {
    following.value = true;
    view.current = followingWindow(entries);
    redraw((n) => n + 1);
  }

  return (
    <div class="log-frame">
      {/* role="log" on the scrolling box, not on the list: a list keeps its items. */}
      <div
        ref={region}
        class="log"
        role="log"
        aria-live="polite"
        aria-label="Event log"
        tabIndex={0}
        onScroll={onScroll}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
      >
        <HexProbe />
        {drawn.length === 0
          ? <p class="empty">No events to show.</p>
          : Entry
          ? (
            <ol class="entries">
              {drawn.map((entry) => (
                <Entry
                  // A merged log's ids repeat across connections; keys do not.
                  key={(entry as { key?: string }).key ?? entry.id}
                  entry={entry}
                  options={options}
                />
              ))}
            </ol>
          )
          : <p class="empty">Loading the log…</p>}
      </div>
      {!following.value && (
        <button type="button" class="jump secondary" onClick={jumpToLatest}>
          Autoscroll paused{newer > 0 && ` · ${newer} newer`} · Jump to latest
        </button>
      )}
    </div>
  );
}
