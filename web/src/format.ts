// Formatting of numbers, times, networks and links for display.

import { ApiError } from './api';
import { strings } from './strings';

/** 950 → "950", 1000 → "1k", 1250 → "1.3k", 40000 → "40k", 2500000 → "2.5M". */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const abs = Math.abs(n);
  const scaled = (value: number, suffix: string) => {
    const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
    return `${n < 0 ? '-' : ''}${String(rounded)}${suffix}`;
  };
  if (abs < 1000) return String(Math.round(n));
  if (abs < 999_950) return scaled(abs / 1000, 'k');
  if (abs < 999_950_000) return scaled(abs / 1_000_000, 'M');
  return scaled(abs / 1_000_000_000, 'B');
}

export function followersLabel(n: number): string {
  return strings.followers(n, compactNumber(n));
}

/** "4 min ago", "3 h ago", "yesterday", "5 days ago", then a short date. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now - t) / 1000);
  const s = strings.time;
  if (seconds < -60) return shortDate(t, now);
  if (seconds < 45) return s.justNow;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return s.minutesAgo(Math.max(1, minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return s.hoursAgo(hours);
  const days = Math.floor(hours / 24);
  if (days === 1) return s.yesterday;
  if (days < 7) return s.daysAgo(days);
  return shortDate(t, now);
}

const shortSameYear = new Intl.DateTimeFormat(strings.locale, { day: 'numeric', month: 'short' });
const shortOtherYear = new Intl.DateTimeFormat(strings.locale, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const exactFormat = new Intl.DateTimeFormat(strings.locale, {
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

function shortDate(t: number, now: number): string {
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? shortSameYear : shortOtherYear).format(t);
}

/** The exact time in the user's time zone, for the title attribute. */
export function exactTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : exactFormat.format(t);
}

export function networkLabel(network: string): string {
  return strings.networks[network] ?? network;
}

const NETWORK_BADGES: Record<string, string> = {
  mastodon: 'M',
  bluesky: 'B',
  x: 'X',
  twitter: 'X',
  facebook: 'f',
  instagram: 'IG',
  linkedin: 'in',
  forum: 'Fo',
  rss: 'RS',
  blog: 'Bl',
  review: '★',
  email: '@',
  phone: '☎',
  chat: 'Ch',
  webform: 'WF',
};

/** A short mark for the network badge ("X", "in", "@"). */
export function networkBadge(network: string): string {
  return NETWORK_BADGES[network] ?? (network.slice(0, 2) || '?');
}

/** A CSS-safe class suffix for the network colour. */
export function networkClass(network: string): string {
  return `net-${network.toLowerCase().replace(/[^a-z0-9]/g, '') || 'other'}`;
}

/** Only http(s) links from user content are made clickable (never javascript: or data:). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The first non-empty line of a text. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed) return trimmed;
  }
  return '';
}

export function displayName(name: string, handle: string): string {
  return name.trim() || handle || strings.unnamed;
}

/** The text to show for a failed request: the server's message, or what went wrong. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return strings.errors.network;
    if (e.message) return e.message;
    if (e.status === 403) return strings.errors.forbidden;
    return strings.errors.unexpected(e.status);
  }
  return String(e);
}

export type PriorityBand = 'low' | 'normal' | 'high' | 'urgent';

/** Urgency bands of the priority 0..100: low < 25 ≤ normal < 50 ≤ high < 75 ≤ urgent. */
export function priorityBand(priority: number): PriorityBand {
  if (priority >= 75) return 'urgent';
  if (priority >= 50) return 'high';
  if (priority >= 25) return 'normal';
  return 'low';
}

let languageNames: Intl.DisplayNames | null | undefined;

/** "nl" → "Dutch"; the code itself when the browser does not know it. */
export function languageName(code: string): string {
  if (!code || code === 'und') return strings.language.undetermined;
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames([strings.locale], { type: 'language' });
    } catch {
      languageNames = null;
    }
  }
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
export const DEFAULT_STREAM_COLOUR = '#64748b';

/** A stream colour as the server validates it (#rrggbb); anything else falls back to grey. */
export function safeColour(colour: string | null | undefined): string {
  return colour && HEX_COLOUR.test(colour) ? colour : DEFAULT_STREAM_COLOUR;
}

export function isHexColour(colour: string): boolean {
  return HEX_COLOUR.test(colour);
}

export function sentimentLabel(label: string): string {
  return strings.sentiment[label] ?? label;
}

export function intentLabel(intent: string): string {
  return strings.intent[intent] ?? intent;
}

/** A signed number with a real minus sign: "+0.42", "−1.8", "0". */
export function signed(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '0';
  const rounded = Number(n.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  const text = Math.abs(rounded).toFixed(digits);
  return rounded > 0 ? `+${text}` : `\u2212${text}`;
}

/** Points as "+15" / "−5" / "0". */
export function signedPoints(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `\u2212${Math.abs(n)}`;
  return '0';
}
