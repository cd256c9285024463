import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result } from 'axe-core';

/** The WCAG 2.0 and 2.1 success criteria, levels A and AA: what the portal promises. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Impacts that fail a page; `minor` and `moderate` findings are reported but do not fail it. */
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

/** One rule broken on a page, as a reader of a failed test wants it: rule, impact and where. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** The start of each element's HTML, in the order of `targets`: Griffel's class names say little. */
  html: string[];
}

/** Longest piece of an element's HTML a failure message quotes. */
const HTML_EXCERPT = 120;

/** A selector axe gives for an element: a CSS path, with the frame and shadow hosts joined by " >> ". */
function targetText(target: unknown): string {
  return Array.isArray(target) ? target.map(targetText).join(' >> ') : String(target);
}

function findingOf(violation: Result): AxeFinding {
  return {
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => targetText(node.target)),
    html: violation.nodes.map((node) => node.html.slice(0, HTML_EXCERPT)),
  };
}

/**
 * axe-core run against whatever the page shows now (dialogs and other portals included), with the
 * WCAG A/AA rules. Specs reach axe only through this object.
 */
export class AccessibilityAudit {
  constructor(private readonly page: Page) {}

  /**
   * Every violation of the WCAG A/AA rules on the page as it is now. Tabster's focus sentinels
   * (`<i data-tabster-dummy tabindex="0" aria-hidden="true">`, which Fluent's grids, dialogs and
   * menus add) are left out: they are focusable and hidden on purpose, hand the focus on the
   * moment they get it, and are a known false positive of `aria-hidden-focus`
   * (microsoft/tabster#288, microsoft/fluentui#25133).
   */
  async violations(): Promise<AxeFinding[]> {
    const results = await new AxeBuilder({ page: this.page }).withTags(WCAG_AA_TAGS).exclude('[data-tabster-dummy]').analyze();
    return results.violations.map(findingOf);
  }

  /** The violations whose impact is serious or critical: the ones that fail a page. */
  async seriousViolations(): Promise<AxeFinding[]> {
    return (await this.violations()).filter((finding) => FAILING_IMPACTS.has(finding.impact));
  }
}

/**
 * One line per finding: `color-contrast (serious) Elements must meet minimum color contrast ratio
 * thresholds: .fui-Badge <span class="fui-Badge ...">, #nav > a <a href="/">`. An empty list reads
 * as an empty string.
 */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map((finding) => `${finding.rule} (${finding.impact}) ${finding.help}: ${finding.targets.map((target, index) => `${target} ${finding.html[index] ?? ''}`.trim()).join(', ')}`)
    .join('\n');
}
