/**
 * JSON messages: checking a draft and pretty-printing text that parses.
 * Browser-safe.
 *
 * @module
 */

/**
 * Checks that `text` is JSON.
 *
 * @returns `null` when it parses, else the parser's message
 */
export function checkJson(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `Not JSON: ${(error as SyntaxError).message}`;
  }
}

/**
 * `text` indented by two spaces when it is a JSON object or array, else
 * `null`: a bare number or string reads best as sent.
 */
export function prettyJson(text: string): string | null {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
