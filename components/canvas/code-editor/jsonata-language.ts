import { StreamLanguage, type StringStream } from "@codemirror/language";

/** Tokenizer state: whether we are inside an unfinished block comment (they may span lines). */
export type JsonataTokenState = { inComment: boolean };

const keywords = new Set(["and", "or", "in", "function"]);
const atoms = new Set(["true", "false", "null"]);

/** One JSONata token; the returned names are @lezer/highlight tags. */
export function jsonataToken(stream: StringStream, state: JsonataTokenState): string | null {
  if (state.inComment) return continueComment(stream, state);
  if (stream.eatSpace()) return null;
  if (stream.match("/*")) {
    state.inComment = true;
    return continueComment(stream, state);
  }
  const quote = stream.peek();
  if (quote === '"' || quote === "'") {
    stream.next();
    let escaped = false;
    for (let char = stream.next(); char !== undefined; char = stream.next()) {
      if (char === quote && !escaped) break;
      escaped = !escaped && char === "\\";
    }
    return "string";
  }
  if (stream.match("`")) {
    if (stream.skipTo("`")) stream.next();
    else stream.skipToEnd();
    return "propertyName";
  }
  if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
  if (stream.match(/^\$[A-Za-z0-9_]*/)) return "variableName.special";
  const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
  if (word) return keywords.has(word[0]) ? "keyword" : atoms.has(word[0]) ? "atom" : "propertyName";
  if (stream.match(/^(:=|!=|<=|>=|~>|\?:|\?\?|\.\.|[-+*/%&|=<>!?:.^#@~])/)) return "operator";
  if (stream.match(/^[()[\]{}]/)) return "bracket";
  stream.next();
  return null;
}

function continueComment(stream: StringStream, state: JsonataTokenState): string {
  if (stream.skipTo("*/")) {
    stream.match("*/");
    state.inComment = false;
  } else stream.skipToEnd();
  return "comment";
}

export const jsonataLanguage = StreamLanguage.define<JsonataTokenState>({
  name: "jsonata",
  startState: () => ({ inComment: false }),
  copyState: (state) => ({ ...state }),
  token: jsonataToken,
  languageData: { commentTokens: { block: { open: "/*", close: "*/" } } },
});

type TemplateTokenState = JsonataTokenState & { inExpression: boolean };

/** Plain text whose `{{ … }}` parts are highlighted as JSONata. */
export const templateLanguage = StreamLanguage.define<TemplateTokenState>({
  name: "orka-template",
  startState: () => ({ inComment: false, inExpression: false }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (!state.inExpression) {
      if (stream.match("{{")) {
        state.inExpression = true;
        return "brace";
      }
      stream.next();
      while (!stream.eol() && !stream.match("{{", false)) stream.next();
      return "string.special";
    }
    if (!state.inComment && stream.match("}}")) {
      state.inExpression = false;
      return "brace";
    }
    return jsonataToken(stream, state);
  },
});

/** JSON: strings (keys apart from values), numbers, true/false/null, punctuation. */
export const jsonLanguage = StreamLanguage.define<Record<string, never>>({
  name: "json",
  startState: () => ({}),
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return stream.match(/^\s*:/, false) ? "propertyName" : "string";
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^(true|false|null)\b/)) return "atom";
    if (stream.match(/^[[\]{}]/)) return "bracket";
    stream.next();
    return "punctuation";
  },
});
