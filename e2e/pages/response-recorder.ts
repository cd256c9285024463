import type { Page, Response } from '@playwright/test';

/** One answer the browser received: what was asked and the body text. */
export interface RecordedResponse {
  where: string;
  text: string;
}

/** Bodies worth searching for text; images and fonts cannot hold a PEM as text. */
const TEXT_TYPES = /json|javascript|html|text|x-component|xml|css/i;

/**
 * Records the body of every response a page receives (documents, RSC payloads, server action
 * answers, JSON polls, scripts), so a spec can search them all after the fact.
 */
export class ResponseRecorder {
  private readonly pending: Array<Promise<RecordedResponse | null>> = [];

  constructor(page: Page) {
    page.on('response', (response) => this.pending.push(ResponseRecorder.read(response)));
  }

  private static async read(response: Response): Promise<RecordedResponse | null> {
    const type = response.headers()['content-type'] ?? '';
    if (!TEXT_TYPES.test(type)) return null;
    const request = response.request();
    const kind = request.headers()['next-action'] ? 'server action' : request.headers()['rsc'] ? 'RSC' : request.resourceType();
    try {
      return { where: `${kind} ${request.method()} ${response.url()} (${response.status()})`, text: await response.text() };
    } catch {
      // Redirects and aborted navigations have no body to read.
      return null;
    }
  }

  /** Everything recorded so far, once every body has been read. */
  async all(): Promise<RecordedResponse[]> {
    const settled = await Promise.all(this.pending);
    return settled.filter((r): r is RecordedResponse => r !== null);
  }

  /** How many responses with a body were recorded, by kind prefix: proves the net was cast. */
  static count(responses: readonly RecordedResponse[], kind: string): number {
    return responses.filter((r) => r.where.startsWith(kind)).length;
  }
}
