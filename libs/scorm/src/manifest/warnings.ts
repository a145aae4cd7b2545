/** At most this many warnings are kept; the rest are counted in a last line. */
export const MAX_WARNINGS = 200;

/** Collects person-readable warnings, without letting a hostile manifest grow them without bound. */
export class Warnings {
  private readonly list: string[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;

  add(message: string): void {
    if (this.seen.has(message)) {
      return;
    }
    if (this.list.length >= MAX_WARNINGS) {
      this.dropped++;
      return;
    }
    this.seen.add(message);
    this.list.push(message);
  }

  toArray(): string[] {
    return this.dropped > 0 ? [...this.list, `… and ${this.dropped} more warnings`] : [...this.list];
  }
}
