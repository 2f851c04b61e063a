const keptCharacters = 64_000;

/** What a server wrote to stdout and stderr, across restarts, with a line at each start and stop. */
export class ServerOutput {
  private text = "";
  /** Characters ever added; `text` holds the last of them. */
  private written = 0;

  add(chunk: Buffer | string): void {
    const piece = chunk.toString();
    this.text += piece;
    this.written += piece.length;
    if (this.text.length > 2 * keptCharacters) this.text = this.text.slice(-keptCharacters);
  }

  mark(what: string): void {
    this.add(`\n===== ${what} (${new Date().toISOString()}) =====\n`);
  }

  /** A position to read from with `since`. */
  position(): number {
    return this.written;
  }

  /** What was written after `position` (as much of it as is kept). */
  since(position: number): string {
    return this.text.slice(Math.max(0, this.text.length - (this.written - position)));
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
