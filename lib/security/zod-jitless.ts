/**
 * Turns off zod's JIT before any schema is built. Zod 4 probes for `eval` with `new Function('')`
 * the first time an object schema is created; the portal's CSP (no `'unsafe-eval'`) blocks it,
 * zod falls back correctly, but the browser still reports a `securitypolicyviolation` for it on
 * every page that loads a schema. With `jitless` zod skips the probe (its own documented switch).
 * Imported for its side effect, right after `zod` itself, by every module that builds schemas
 * (lib/domain/cli-settings.ts, lib/domain/deploy-schema.ts), so only the pages that validate
 * forms load zod (31 KiB gzip) — it used to ride in the layout on every page. The server follows
 * the same setting, where parsing speed is not at stake.
 */
import { z } from 'zod';

z.config({ jitless: true });
