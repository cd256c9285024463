import { describe, expect, it } from 'vitest';

import { getArmConnection, tlsOptionsFor } from './arm-connection';

describe('getArmConnection (sandbox)', () => {
  it('hands every call the same TLS settings object, so the SDKs pool connections in one Agent', async () => {
    // The SDKs' HTTP client keys its https.Agent by this object's identity: a new object per
    // request was a new Agent, TLS context and handshake per client (bench: memory).
    const [first, second] = [await getArmConnection(), await getArmConnection()];
    expect(first.tlsOptions?.ca).toContain('BEGIN CERTIFICATE');
    expect(second.tlsOptions).toBe(first.tlsOptions);
  });

  it('makes a new settings object only when the CA changes (an emulator restarted elsewhere)', () => {
    const a = tlsOptionsFor('ca-1');
    expect(tlsOptionsFor('ca-1')).toBe(a);
    expect(tlsOptionsFor('ca-2')).toEqual({ ca: 'ca-2' });
    expect(tlsOptionsFor('ca-2')).not.toBe(a);
  });
});
