// A value made on first use, once, by an async maker: the app's tabs and the
// reader are made this way so that their modules (chunks of their own) are
// neither fetched nor run before the first view is on screen.

export class Later<T> {
  private made: T | null = null;
  private making: Promise<T> | null = null;

  constructor(private readonly make: () => Promise<T>) {}

  /** The value if it has been made, else null (nothing is started). */
  get now(): T | null {
    return this.made;
  }

  /** The value, made on the first call; a maker that failed is tried again on the next call. */
  get(): Promise<T> {
    if (!this.making) {
      this.making = this.make().then(
        (value) => {
          this.made = value;
          return value;
        },
        (error: unknown) => {
          this.making = null;
          throw error;
        },
      );
    }
    return this.making;
  }
}
