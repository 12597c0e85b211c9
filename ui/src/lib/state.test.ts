import { describe, expect, it } from "vitest";
import { OFFLINE_ERROR_CODES } from "./bindings/api/contract";
import { isOfflineError, outboxSummary } from "./state.svelte";
import * as fx from "../test/fixtures";

describe("isOfflineError", () => {
  it("is the contract's one meaning of offline", () => {
    for (const code of ["unavailable", "offline", "timeout"] as const) expect(isOfflineError(fx.errorBody(code))).toBe(true);
    expect([...OFFLINE_ERROR_CODES].sort()).toEqual(["offline", "timeout", "unavailable"]);
  });

  it("does not take an error from a portal that is up for offline", () => {
    for (const code of ["internal", "malformed_response", "rate_limited", "validation_failed", "feedback_pending"] as const) {
      expect(isOfflineError(fx.errorBody(code))).toBe(false);
    }
  });
});

describe("outboxSummary", () => {
  it("counts queued feedback and feedback that needs attention apart", () => {
    expect(outboxSummary([])).toEqual({ queued: 0, attention: 0 });
    const queued = fx.pendingFeedback({ local_id: "q", attention: null });
    expect(outboxSummary([queued, fx.pendingFeedback(), queued])).toEqual({ queued: 2, attention: 1 });
  });
});
