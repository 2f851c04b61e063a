/** JSON nested deeper than this is refused before it is parsed, on every door (tRPC, webhooks, REST). */
export const jsonMaxDepth = 64;

const quote = 0x22;
const backslash = 0x5c;
const openBracket = 0x5b;
const openBrace = 0x7b;
const closeBracket = 0x5d;
const closeBrace = 0x7d;

/**
 * Whether JSON text (UTF-8 bytes) opens more than `maxDepth` arrays or objects inside each other,
 * found by one linear scan that skips strings. Parsing first and walking the value recursively is
 * what overflows the stack on deep input; this needs no parse and no recursion. Multi-byte UTF-8
 * sequences never contain ASCII bytes, so the bytes need not be decoded. Malformed JSON is left to
 * the parser.
 */
export function exceedsJsonDepth(bytes: Uint8Array, maxDepth = jsonMaxDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === backslash) i++;
      else if (byte === quote) inString = false;
    } else if (byte === quote) inString = true;
    else if (byte === openBracket || byte === openBrace) {
      if (++depth > maxDepth) return true;
    } else if (byte === closeBracket || byte === closeBrace) depth--;
  }
  return false;
}

export function jsonTooDeepMessage(maxDepth = jsonMaxDepth): string {
  return `JSON is nested deeper than ${maxDepth} levels`;
}
