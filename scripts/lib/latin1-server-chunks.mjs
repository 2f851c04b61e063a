// After `next build` compiled the app (next.config.js: `compiler.runAfterProductionCompile`): rewrites
// the server's JavaScript chunks so their source is Latin-1 only. V8 keeps a script's source in the
// heap for as long as the script lives, one byte per character when every character is Latin-1 and
// two bytes per character otherwise: one "→" in an error message, a step's glyph or acorn's
// identifier tables made whole 1–1.4 MB chunks cost the server twice their size (~4 MB of the
// idle heap in all; bench/README.md, "Where the memory goes"). Characters beyond Latin-1 inside
// string, untagged template and regular-expression literals become `\uXXXX` escapes, which mean the
// same; a file with such a character anywhere else (an identifier, a tagged template, whose raw text
// a tag may read) is left as it is. Source maps are not rewritten: a column after an escape on the
// same line points a few characters off.
import fs from "node:fs";
import path from "node:path";
import { tokenizer, tokTypes } from "acorn";

const beyondLatin1 = /[^\x00-\xff]/;
const beyondLatin1Global = /[^\x00-\xff]/g;

/** Token types after which a template literal is tagged (its raw text may be read). */
const tagEnds = new Set([tokTypes.name, tokTypes.parenR, tokTypes.bracketR, tokTypes.backQuote, tokTypes.privateId]);

/** `text` with every character beyond Latin-1 as a `\uXXXX` escape (an identity escape `\→` loses its backslash). */
function escapeLiteral(text) {
  return text.replace(beyondLatin1Global, (char, offset) => {
    let backslashes = 0;
    while (text[offset - 1 - backslashes] === "\\") backslashes++;
    const escape = `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
    // `\→` means "→"; its backslash would otherwise escape the escape's own.
    return backslashes % 2 === 1 ? escape.slice(1) : escape;
  });
}

/**
 * The source with every character beyond Latin-1 escaped, or null when it has none or one where
 * an escape could change the program (or the source does not tokenize as a script).
 */
export function latin1Source(source) {
  if (!beyondLatin1.test(source)) return null;
  const ranges = [];
  try {
    let previous = null;
    let tagged = false;
    const onComment = (_block, text, start, end) => {
      // A line separator ends a line comment: as an escape it would comment out the code after it.
      if (/[\u2028\u2029]/.test(text)) throw new Error("line separator in a comment");
      ranges.push([start, end]);
    };
    for (const token of tokenizer(source, { ecmaVersion: "latest", sourceType: "script", allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, onComment })) {
      if (token.type === tokTypes.backQuote && !(previous && previous.type === tokTypes.template)) tagged = previous !== null && tagEnds.has(previous.type);
      if (token.type === tokTypes.string || token.type === tokTypes.regexp || (token.type === tokTypes.template && !tagged)) ranges.push([token.start, token.end]);
      previous = token;
    }
  } catch {
    return null;
  }
  let result = "";
  let at = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    const text = source.slice(start, end);
    if (!beyondLatin1.test(text)) continue;
    result += source.slice(at, start) + escapeLiteral(text);
    at = end;
  }
  result += source.slice(at);
  return beyondLatin1.test(result) ? null : result;
}

/** Rewrites the `.js` files under `<distDir>/server`; answers how many it rewrote and how many it had to leave. */
export function latin1ServerChunks(distDir) {
  const counts = { rewritten: 0, left: 0 };
  const visit = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith(".js")) {
        const source = fs.readFileSync(file, "utf8");
        if (!beyondLatin1.test(source)) continue;
        const rewritten = latin1Source(source);
        if (rewritten === null) counts.left++;
        else {
          fs.writeFileSync(file, rewritten);
          counts.rewritten++;
        }
      }
    }
  };
  const server = path.join(distDir, "server");
  if (fs.existsSync(server)) visit(server);
  return counts;
}
