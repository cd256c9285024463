/**
 * The portal's one way of writing a moment: the reader's locale, the date at `dateStyle: 'medium'`
 * and the time at `timeStyle: 'short'`, always with the time zone named ("Nov 28, 2026, 11:38 PM
 * UTC", "28 de nov. de 2026, 20:38 BRT"). Pure; `components/date-time.tsx` renders it.
 *
 * Intl refuses `timeZoneName` next to `dateStyle`/`timeStyle` ("Can't set option timeZoneName when
 * dateStyle is used"), so the same fields are spelled out: these options give exactly the medium
 * date and short time of every locale, plus the zone.
 */

/** `dateStyle: 'medium'` + `timeStyle: 'short'` as fields, with the zone's short name. */
export const DATE_TIME_FORMAT = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
} as const satisfies Intl.DateTimeFormatOptions;

/** The zone used when the reader's is not known (the server's first render): stated, never guessed. */
export const FALLBACK_TIME_ZONE = 'UTC';

// A table of 200 rows formats 200 times in one render: build each locale/zone formatter once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...DATE_TIME_FORMAT, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * `iso` (an ISO 8601 instant) in `locale`, in `timeZone` (an IANA name; UTC when omitted), with
 * the zone shown. Text that is not a date, or a zone Intl does not know, is returned as given
 * rather than throwing: a bad stored value must not break a whole table.
 */
export function formatDateTime(iso: string, locale: string, timeZone: string = FALLBACK_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return formatterFor(locale, timeZone).format(date);
  } catch {
    return timeZone === FALLBACK_TIME_ZONE ? iso : formatDateTime(iso, locale, FALLBACK_TIME_ZONE);
  }
}
