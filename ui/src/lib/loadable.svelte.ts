// A view's data loaded from the backend: loading, the value or the error, and a retry.
// Session loss and offline are handled app-wide (handleCommonError); any other error
// stays with the view, which shows it with a retry button (components/LoadBlock.svelte).
import { onMount } from "svelte";
import { errorBodyOf } from "./backend";
import type { ErrorBody } from "./bindings/api/ErrorBody";
import { handleCommonError } from "./state.svelte";

export class Loadable<T> {
  value = $state<T | null>(null);
  error = $state<ErrorBody | null>(null);
  loading = $state(true);
  readonly #fetch: () => Promise<T>;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /** (Re)loads: the retry button calls this too. */
  load = async (): Promise<void> => {
    this.loading = true;
    this.error = null;
    try {
      this.value = await this.#fetch();
    } catch (e) {
      const err = errorBodyOf(e);
      if (!handleCommonError(err)) this.error = err;
    } finally {
      this.loading = false;
    }
  };
}

/** Data loaded when the calling component mounts. */
export function loadable<T>(fetch: () => Promise<T>): Loadable<T> {
  const data = new Loadable(fetch);
  onMount(() => {
    void data.load();
  });
  return data;
}
