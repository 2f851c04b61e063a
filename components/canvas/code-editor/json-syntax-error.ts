/**
 * Where JSON text first goes wrong. Browsers word `JSON.parse` errors differently and some give no
 * position at all, so a small scanner finds the offset (a syntax check only, it builds no values).
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | null {
  let at = 0;
  const fail = (message: string): never => {
    throw new JsonScanError(at, message);
  };
  const skipSpace = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };
  const expect = (char: string) => (text[at] === char ? at++ : fail(`expected "${char}"`));
  const literal = (word: string) => (text.startsWith(word, at) ? (at += word.length) : fail("unexpected token"));
  const string = () => {
    expect('"');
    while (text[at] !== '"') {
      if (at >= text.length || text[at] === "\n") fail("unterminated string");
      if (text[at] === "\\") {
        at++;
        if (text[at] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail("bad \\u escape");
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? "")) fail("bad escape");
      }
      at++;
    }
    at++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail("unexpected token");
    at += match![0].length;
  };
  const sequence = (close: string, item: () => void) => {
    at++;
    skipSpace();
    if (text[at] === close) return void at++;
    for (;;) {
      item();
      skipSpace();
      if (text[at] === close) return void at++;
      expect(",");
      skipSpace();
    }
  };
  const value = (): void => {
    skipSpace();
    const char = text[at];
    if (char === undefined) fail("unexpected end of JSON");
    else if (char === "{")
      sequence("}", () => {
        string();
        skipSpace();
        expect(":");
        value();
      });
    else if (char === "[") sequence("]", value);
    else if (char === '"') string();
    else if (char === "t") literal("true");
    else if (char === "f") literal("false");
    else if (char === "n") literal("null");
    else number();
  };
  try {
    value();
    skipSpace();
    if (at < text.length) fail("unexpected text after the JSON value");
    return null;
  } catch (error) {
    if (error instanceof JsonScanError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}
