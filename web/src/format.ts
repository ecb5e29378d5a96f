// Formatting of numbers, times, networks and links for display.

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
