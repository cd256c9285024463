/**
 * Every user-facing string of the portal, per language, one JSON file per namespace so each area
 * of the portal owns its own file. Messages are ICU MessageFormat (use-intl): `{name}` arguments,
 * `{count, plural, one {...} other {...}}`, `'{'` to quote braces, `''` for an apostrophe.
 *
 * `ptBR` is typed as the English tree, so a key missing in Portuguese fails `tsc`;
 * messages.test.ts also checks that both languages use the same ICU arguments.
 */
import enAudit from './en/audit.json';
import enCommon from './en/common.json';
import enCompute from './en/compute.json';
import enDeploy from './en/deploy.json';
import enErrors from './en/errors.json';
import enEndpoint from './en/endpoint.json';
import enFleet from './en/fleet.json';
import enHome from './en/home.json';
import enShell from './en/shell.json';
import enSignin from './en/signin.json';
import enStatus from './en/status.json';
import ptAudit from './pt-BR/audit.json';
import ptCommon from './pt-BR/common.json';
import ptCompute from './pt-BR/compute.json';
import ptDeploy from './pt-BR/deploy.json';
import ptErrors from './pt-BR/errors.json';
import ptEndpoint from './pt-BR/endpoint.json';
import ptFleet from './pt-BR/fleet.json';
import ptHome from './pt-BR/home.json';
import ptShell from './pt-BR/shell.json';
import ptSignin from './pt-BR/signin.json';
import ptStatus from './pt-BR/status.json';
import type { Locale } from '../locales';
import { enDomainMessages, ptBRDomainMessages, type DomainMessages } from './domain';

const en = {
  common: enCommon,
  shell: enShell,
  signin: enSignin,
  home: enHome,
  deploy: enDeploy,
  status: enStatus,
  compute: enCompute,
  endpoint: enEndpoint,
  fleet: enFleet,
  audit: enAudit,
  errors: enErrors,
  domain: enDomainMessages,
};

/** The shape of the portal's messages: the English tree. */
export type Messages = typeof en;

const ptBR: Messages = {
  common: ptCommon,
  shell: ptShell,
  signin: ptSignin,
  home: ptHome,
  deploy: ptDeploy,
  status: ptStatus,
  compute: ptCompute,
  endpoint: ptEndpoint,
  fleet: ptFleet,
  audit: ptAudit,
  errors: ptErrors,
  domain: ptBRDomainMessages satisfies DomainMessages,
};

/** Messages per language; the server picks one per request and sends only that one to the browser. */
export const MESSAGES: Record<Locale, Messages> = { en, 'pt-BR': ptBR };
