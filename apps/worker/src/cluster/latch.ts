// A promise that whoever knows settles once, from any of several places, and that later calls leave
// as it is: the clusterer's "ready to place items", which a load, a lease held elsewhere, a failure
// or a stop may each be the first to say.

export class Latch {
  readonly opened: Promise<void>;
  private release!: () => void;

  constructor() {
    this.opened = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  open(): void {
    this.release();
  }
}
