/**
 * Numbers the requests of one kind so that only the latest one's answer is used: a later request
 * wins, whatever order the answers arrive in. The PEM check re-runs while the host name is typed;
 * without this, a slow answer for "ml.contoso.c" could land after the one for "ml.contoso.com"
 * and show a verdict for a host that is no longer in the field.
 */
export class LatestRequest {
  private current = 0;

  /** Starts a request; keep the ticket and ask {@link isLatest} when its answer arrives. */
  begin(): number {
    this.current += 1;
    return this.current;
  }

  /** Makes every request begun so far stale (the input it was for has changed). */
  invalidate(): void {
    this.current += 1;
  }

  /** Whether the request with this ticket is still the latest: its answer may be shown. */
  isLatest(ticket: number): boolean {
    return ticket === this.current;
  }
}
