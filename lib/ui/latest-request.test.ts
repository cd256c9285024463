import { describe, expect, it } from 'vitest';

import { LatestRequest } from './latest-request';

describe('LatestRequest', () => {
  it('keeps only the answer to the latest request, whatever order the answers arrive in', () => {
    const latest = new LatestRequest();
    const first = latest.begin();
    const second = latest.begin();
    // The second answer arrives first: it is shown; the first, arriving later, is stale.
    expect(latest.isLatest(second)).toBe(true);
    expect(latest.isLatest(first)).toBe(false);
  });

  it('makes a request in flight stale when its input changes', () => {
    const latest = new LatestRequest();
    const ticket = latest.begin();
    latest.invalidate();
    expect(latest.isLatest(ticket)).toBe(false);
  });
});
