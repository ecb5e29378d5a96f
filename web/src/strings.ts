// Every string the interface shows, in one place, so that a Dutch translation can follow.
// Functions are used where a string has a number or a name in it.

import type { ConversationStatus } from './api';

export const strings = {
  locale: 'en-GB',
  appName: 'Webcare',

  // Log-in page.
  login: {
    title: 'Sign in to Webcare',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    missingFields: 'Enter your e-mail address and password.',
    tooManyAttempts: (seconds: number) => `Too many attempts, try again in ${seconds} s`,
    sessionEnded: 'Your session has ended. Please sign in again.',
    loggedOut: 'You have signed out.',
  },

  // Header.
  header: {
    signedInAs: (name: string, role: string) => `Signed in as ${name} (${role})`,
    logout: 'Log out',
    loggingOut: 'Logging out…',
    shortcuts: 'Keyboard shortcuts',
  },

  // Left rail.
  rail: {
    label: 'Views and filters',
    views: 'Views',
    all: 'All conversations',
    status: 'Status',
    anyStatus: 'Any status',
    network: 'Network',
    anyNetwork: 'All networks',
  },

  status: {
    new: 'New',
    open: 'Open',
    waiting: 'Waiting',
    snoozed: 'Snoozed',
    resolved: 'Resolved',
  } satisfies Record<ConversationStatus, string>,

  // Conversation list.
  list: {
    label: 'Conversations',
    skipTo: 'Skip to the conversation list',
    searchLabel: 'Search conversations',
    searchPlaceholder: 'Search conversations  (press /)',
    searchSubmit: 'Search',
    searchClear: 'Clear search',
    refresh: 'Refresh',
    loading: 'Loading conversations…',
    loadMore: 'Load more',
    loadingMore: 'Loading…',
    endOfList: 'End of the list',
    emptyTitle: 'No conversations',
    emptyInbox: 'Nothing has come in yet. New mentions appear here.',
    emptyFiltered: 'No conversation matches these filters.',
    clearFilters: 'Show all conversations',
    searchErrorHint: 'Correct the search query above, or clear it to see all conversations.',
    errorTitle: 'The conversations could not be loaded',
    retry: 'Try again',
    shown: (n: number) => (n === 1 ? '1 conversation' : `${n} conversations`),
    shownMore: (n: number) => `${n} conversations, more available`,
    posts: (n: number) => (n === 1 ? '1 post' : `${n} posts`),
    privateBadge: 'DM',
    privateTitle: 'Private message',
  },

  // Conversation pane.
  conversation: {
    label: 'Conversation',
    noneTitle: 'No conversation open',
    noneHint: 'Choose one from the list, or press j / k to move and Enter to open.',
    loading: 'Loading conversation…',
    notFound: 'This conversation does not exist (any more).',
    errorTitle: 'The conversation could not be loaded',
    retry: 'Try again',
    back: 'Back to the list',
    close: 'Close',
    privateMessage: 'Private message',
    publicPost: 'Public post',
    outbound: 'Sent by us',
    inbound: 'Received',
    inReplyTo: 'reply',
    viewOriginal: 'View on network',
    attachments: 'Attachments',
    priority: (p: number) => `Priority ${p}`,
    started: 'Started',
    noText: '(no text)',
  },

  // People and numbers.
  followers: (n: number, formatted: string) => (n === 1 ? '1 follower' : `${formatted} followers`),
  unnamed: 'Unknown author',

  // Relative times.
  time: {
    justNow: 'just now',
    minutesAgo: (n: number) => `${n} min ago`,
    hoursAgo: (n: number) => `${n} h ago`,
    yesterday: 'yesterday',
    daysAgo: (n: number) => `${n} days ago`,
    inFuture: 'in the future',
  },

  // Generic errors.
  errors: {
    network: 'Cannot reach the server. Check your connection and try again.',
    unexpected: (status: number) => `The server answered with an unexpected error (${status}).`,
  },

  // Keyboard shortcuts overlay.
  shortcuts: {
    title: 'Keyboard shortcuts',
    close: 'Close',
    list: [
      ['j', 'Next conversation'],
      ['k', 'Previous conversation'],
      ['Enter', 'Open the selected conversation'],
      ['/', 'Search'],
      ['Esc', 'Leave the search box, close the conversation or this overlay'],
      ['?', 'Show these shortcuts'],
    ] as ReadonlyArray<readonly [string, string]>,
  },

  networks: {
    mastodon: 'Mastodon',
    bluesky: 'Bluesky',
    x: 'X',
    twitter: 'X',
    facebook: 'Facebook',
    instagram: 'Instagram',
    linkedin: 'LinkedIn',
    forum: 'Forum',
    rss: 'RSS',
    blog: 'Blog',
    review: 'Reviews',
    email: 'E-mail',
    phone: 'Phone',
    chat: 'Chat',
    webform: 'Web form',
  } as Record<string, string>,
};

export type Strings = typeof strings;
