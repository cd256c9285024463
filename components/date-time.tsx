'use client';

import { useSyncExternalStore, type CSSProperties } from 'react';
import { useLocale } from 'use-intl';

import { FALLBACK_TIME_ZONE, formatDateTime } from '@/lib/ui/date-time';

/** Props of {@link DateTime}. */
export interface DateTimeProps {
  /** An ISO 8601 instant, as the API and the store keep times. */
  value: string;
  className?: string;
}

const NO_WRAP: CSSProperties = { whiteSpace: 'nowrap' };

// The browser's zone never changes while a page is open: nothing to subscribe to.
const subscribe = () => () => undefined;
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || FALLBACK_TIME_ZONE;
const serverTimeZone = () => FALLBACK_TIME_ZONE;

/**
 * The reader's time zone. The server cannot know it (the portal's IntlProvider configures none),
 * so the server render and the hydrating render both use UTC (`getServerSnapshot`: the same text
 * on both sides, no hydration mismatch), and React renders again at once with the browser's zone.
 * A reader with JavaScript off, or for a moment before hydration, sees a correct time labelled UTC.
 */
function useReaderTimeZone(): string {
  return useSyncExternalStore(subscribe, browserTimeZone, serverTimeZone);
}

/**
 * The one date-time format as a function, for a time inside a sentence or a tooltip
 * (`"Last updated {time}"`): same language, zone and hydration rule as {@link DateTime}.
 */
export function useDateTimeText(): (iso: string) => string {
  const locale = useLocale();
  const timeZone = useReaderTimeZone();
  return (iso) => formatDateTime(iso, locale, timeZone);
}

/**
 * A moment in the portal's one date-time format ({@link formatDateTime}): the reader's language
 * and time zone, the zone named, never wrapped. Hovering shows the exact ISO instant.
 */
export function DateTime({ value, className }: DateTimeProps) {
  const text = useDateTimeText();
  return (
    // Node's ICU and the browser's may space the UTC text differently (a narrow no-break space or
    // not): that one text node may differ at hydration, and is re-rendered right after anyway.
    <time dateTime={value} title={value} className={className} style={NO_WRAP} suppressHydrationWarning>
      {text(value)}
    </time>
  );
}
