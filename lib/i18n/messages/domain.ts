/**
 * The messages the pure domain (lib/domain) writes: validation of settings, PEM checks, imports,
 * preflight findings, failure explanations, update impacts and component health. Kept apart from
 * the page strings so domain code (which also runs in the browser) carries only these.
 */
import enAttach from './en/attach.json';
import enCli from './en/cli.json';
import enExplanations from './en/explanations.json';
import enHealth from './en/health.json';
import enImpact from './en/impact.json';
import enImporting from './en/importing.json';
import enPem from './en/pem.json';
import enPreflight from './en/preflight.json';
import ptAttach from './pt-BR/attach.json';
import ptCli from './pt-BR/cli.json';
import ptExplanations from './pt-BR/explanations.json';
import ptHealth from './pt-BR/health.json';
import ptImpact from './pt-BR/impact.json';
import ptImporting from './pt-BR/importing.json';
import ptPem from './pt-BR/pem.json';
import ptPreflight from './pt-BR/preflight.json';

export const enDomainMessages = {
  cli: enCli,
  pem: enPem,
  importing: enImporting,
  preflight: enPreflight,
  explanations: enExplanations,
  impact: enImpact,
  health: enHealth,
  attach: enAttach,
};

/** The shape of the domain's messages: the English tree. */
export type DomainMessages = typeof enDomainMessages;

export const ptBRDomainMessages: DomainMessages = {
  cli: ptCli,
  pem: ptPem,
  importing: ptImporting,
  preflight: ptPreflight,
  explanations: ptExplanations,
  impact: ptImpact,
  health: ptHealth,
  attach: ptAttach,
};
