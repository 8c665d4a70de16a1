// ControllerExpectations (pkg/controller/controller_utils.go): a controller records how many
// creates/deletes it issued and does not act again for that key until the informer has shown it
// all of them, or until the expectations expire (5 minutes).

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestampMs: number;
}

export class ControllerExpectations {
  private readonly map = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  setExpectations(key: string, add: number, del: number): void {
    this.map.set(key, { add, del, timestampMs: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.map.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string): void {
    const e = this.map.get(key);
    if (e) e.del--;
  }

  lowerExpectations(key: string, add: number, del: number): void {
    const e = this.map.get(key);
    if (e) {
      e.add -= add;
      e.del -= del;
    }
  }

  satisfiedExpectations(key: string): boolean {
    const e = this.map.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestampMs > EXPECTATIONS_TIMEOUT_MS;
  }

  deleteExpectations(key: string): void {
    this.map.delete(key);
  }

  get(key: string): Readonly<Expectation> | undefined {
    return this.map.get(key);
  }
}
