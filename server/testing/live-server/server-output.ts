const keptCharacters = 64_000;

/** What a server wrote to stdout and stderr, across restarts, with a line at each start and stop. */
export class ServerOutput {
  private text = "";

  add(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > 2 * keptCharacters) this.text = this.text.slice(-keptCharacters);
  }

  mark(what: string): void {
    this.add(`\n===== ${what} (${new Date().toISOString()}) =====\n`);
  }

  /** The last `characters` of it. */
  tail(characters = 8_000): string {
    return this.text.slice(-characters);
  }

  /** Everything kept, e.g. to look for a log line. */
  all(): string {
    return this.text.slice(-keptCharacters);
  }
}
