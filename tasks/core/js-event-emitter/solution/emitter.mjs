export class Emitter {
  #listeners = new Map();

  on(event, fn) {
    const entry = { fn };
    const list = this.#listeners.get(event) ?? [];
    this.#listeners.set(event, [...list, entry]);
    return () => this.#remove(event, entry);
  }

  once(event, fn) {
    const un = this.on(event, (...args) => {
      un();
      return fn(...args);
    });
    return un;
  }

  off(event, fn) {
    const entry = (this.#listeners.get(event) ?? []).find((e) => e.fn === fn);
    if (entry) this.#remove(event, entry);
  }

  #remove(event, entry) {
    entry.removed = true;
    const list = (this.#listeners.get(event) ?? []).filter((e) => e !== entry);
    this.#listeners.set(event, list);
  }

  emit(event, ...args) {
    const snapshot = this.#listeners.get(event) ?? [];
    let called = 0;
    let firstError = null;
    for (const entry of snapshot) {
      if (entry.removed) continue;
      called++;
      try {
        entry.fn(...args);
      } catch (err) {
        firstError ??= err;
      }
    }
    if (firstError) throw firstError;
    return called;
  }

  listenerCount(event) {
    return (this.#listeners.get(event) ?? []).length;
  }
}
