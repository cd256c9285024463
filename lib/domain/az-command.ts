/**
 * The `az k8s-extension create` command equivalent to a request, for users who script installs or
 * want to see what the portal does. Only what the user chose is in it (the CLI computes the rest
 * itself), and never a secret: protected values become placeholders. Pure.
 */
import { parseClusterId } from './cluster';
import { AZUREML_EXTENSION_TYPE, DEFAULT_RELEASE_TRAIN, SETTING, type CliRequest } from './cli-settings';

/**
 * Stand-ins for protected values; the user puts their local file paths or secrets there. A Map, so
 * a key named `constructor` or `toString` finds nothing (a plain object would answer a function).
 */
export const PROTECTED_PLACEHOLDERS: ReadonlyMap<string, string> = new Map([
  [SETTING.sslCertPemFile, '<path-to-cert.pem>'],
  [SETTING.sslKeyPemFile, '<path-to-key.pem>'],
]);

/**
 * Characters no POSIX shell (bash, zsh, dash) treats specially anywhere in a word: no globbing,
 * expansion, splitting, redirection or comment. `,` is out (brace expansion in `{a,b}` context),
 * and a word starting with `=` is quoted too (zsh expands `=cmd` to a path).
 */
const SHELL_SAFE = /^[A-Za-z0-9_./:@%+-][A-Za-z0-9_./:=@%+-]*$/;

/** POSIX shell quoting: bare when safe, else single quotes (a `'` inside becomes `'\''`). */
export function shellQuote(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function placeholderFor(key: string): string {
  return PROTECTED_PLACEHOLDERS.get(key) ?? `<${key}>`;
}

/**
 * `az k8s-extension create ...` for `req`, one option per line with `\` continuations. The
 * cluster's subscription goes in `--subscription` so the command works whatever the default
 * subscription of the user's shell is.
 */
export function buildAzCommand(req: CliRequest): string {
  const cluster = parseClusterId(req.clusterId);
  const lines: string[] = [
    `az k8s-extension create --name ${shellQuote(req.name)}`,
    `--extension-type ${shellQuote(AZUREML_EXTENSION_TYPE)}`,
    `--cluster-type ${shellQuote(cluster?.type ?? '<cluster-type>')}`,
    `--cluster-name ${shellQuote(cluster?.name ?? '<cluster-name>')}`,
    `--resource-group ${shellQuote(cluster?.resourceGroup ?? '<resource-group>')}`,
    ...(cluster ? [`--subscription ${shellQuote(cluster.subscriptionId)}`] : []),
    '--scope cluster',
    `--release-train ${shellQuote(req.releaseTrain || DEFAULT_RELEASE_TRAIN)}`,
  ];
  if (req.version) lines.push(`--version ${shellQuote(req.version)}`);
  if (req.version || req.autoUpgradeMinorVersion === false) lines.push('--auto-upgrade-minor-version false');
  const settings = Object.entries(req.configurationSettings);
  if (settings.length > 0) {
    lines.push(`--config ${settings.map(([key, value]) => shellQuote(`${key}=${value}`)).join(' ')}`);
  }
  const protectedKeys = Object.keys(req.configurationProtectedSettings);
  if (protectedKeys.length > 0) {
    // Quoted like any word: `<` and `>` are redirections, and the key itself came from the caller.
    lines.push(`--config-protected ${protectedKeys.map((key) => shellQuote(`${key}=${placeholderFor(key)}`)).join(' ')}`);
  }
  return lines.join(' \\\n  ');
}
