import { describe, expect, it } from 'vitest';

import { hasMalformedPercentEncoding } from './malformed-path';

describe('hasMalformedPercentEncoding', () => {
  it.each([
    ['/resource/%E0%A4%A', true],
    ['/resource/%zz', true],
    ['/resource/100%', true],
    ['/resource/%C0%AF', true],
    ['/resource/subscriptions/abc%2Fdef', false],
    ['/resource/%E0%A4%A4', false],
    ['/fleet', false],
  ])('%s → %s', (path, malformed) => {
    expect(hasMalformedPercentEncoding(path)).toBe(malformed);
  });
});
