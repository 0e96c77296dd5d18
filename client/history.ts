/**
 * Recently used URLs and drafted messages, kept in `localStorage`.
 * Browser-safe; storage is passed in so tests use a plain object.
 *
 * @module
 */

/** The parts of `Storage` history needs. */
export type HistoryStorage = Pick<Storage, "getItem" | "setItem">;

/** Where each history lives and how long it grows. */
export const HISTORY = {
  urls: { key: "echo-client.urls", max: 10 },
  drafts: { key: "echo-client.drafts", max: 20 },
} as const;

/**
 * Items longer than this are not remembered: whatever is sent, what the
 * page stores stays small (a 16 MiB draft would fill the quota).
 */
export const MAX_DRAFT_CHARS = 4096;

/** `item` first, without an older copy of it, at most `max` items. */
export function remember(
  list: readonly string[],
  item: string,
  max: number,
): string[] {
  if (item.trim() === "") return [...list];
  return [item, ...list.filter((old) => old !== item)].slice(0, max);
}

/** Reads a history; anything missing or malformed reads as empty. */
export function loadHistory(
  storage: HistoryStorage | undefined,
  key: string,
): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(key) ?? "[]");
    return Array.isArray(value)
      ? value.filter((item): item is string => typeof item === "string")
      : [];
  } catch {
    return [];
  }
}

/** Writes a history; a full or disabled storage is not the user's problem. */
export function saveHistory(
  storage: HistoryStorage | undefined,
  key: string,
  list: readonly string[],
): void {
  try {
    storage?.setItem(key, JSON.stringify(list));
  } catch {
    // Quota exceeded or storage disabled: history is a convenience.
  }
}

/**
 * Puts `item` first in the history `which`, saves it, and returns it; an
 * item over {@linkcode MAX_DRAFT_CHARS} is left out and nothing is written.
 */
export function rememberIn(
  storage: HistoryStorage | undefined,
  which: keyof typeof HISTORY,
  list: readonly string[],
  item: string,
): string[] {
  const { key, max } = HISTORY[which];
  if (item.length > MAX_DRAFT_CHARS) return [...list];
  const updated = remember(list, item, max);
  saveHistory(storage, key, updated);
  return updated;
}
