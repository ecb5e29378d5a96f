// The frame around the screens: log-in, the top bar, the rail, dialogs, shortcuts, errors,
// times and network names.

export const appStrings = {
  locale: 'en-GB',
  appName: 'Webcare',
  skipToContent: 'Skip to the content',

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
    live: 'Live',
    liveTitle: 'Changes by colleagues appear as they happen.',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    reconnectingTitle: 'The live connection dropped; what happened meanwhile is fetched when it is back.',
    notifications: 'Notifications',
    notificationsCount: (n: number) => (n === 1 ? '1 unread notification' : `${n} unread notifications`),
    notificationsEmpty: 'No unread notifications.',
    notificationsError: 'The notifications could not be loaded.',
    markAllRead: 'Mark all as read',
    mentioned: (name: string) => `${name} mentioned you`,
    assignedToYou: (name: string) => `${name} assigned a conversation to you`,
    escalatedToYou: (name: string) => `${name} escalated a conversation to you`,
    followUpForYou: (name: string) => `${name} gave you a follow-up`,
    followUpDue: 'Your follow-up is due',
    followUpOverdue: 'A follow-up of your team is overdue',
    logout: 'Log out',
    loggingOut: 'Logging out…',
    shortcuts: 'Keyboard shortcuts',
  },

  // Left rail.
  rail: {
    label: 'Views and filters',
    views: 'Views',
    all: 'All conversations',
    view: {
      mine: 'Mine',
      team: 'My teams',
      unassigned: 'Unassigned',
      all: 'All',
    } as Record<string, string>,
    viewCount: (n: number) => (n === 1 ? '1 open conversation' : `${n} open conversations`),
    notResolved: 'Not resolved',
    status: 'Status',
    anyStatus: 'Any status',
    network: 'Network',
    anyNetwork: 'All networks',
    listening: 'Listening',
    streams: 'Streams',
    routing: 'Routing rules',
    byStream: 'Stream',
    anyStream: 'Any stream',
  },

  // Confirmation dialogs.
  confirm: {
    cancel: 'Cancel',
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
    forbidden: 'You do not have permission to do this.',
  },

  // Keyboard shortcuts overlay.
  shortcuts: {
    title: 'Keyboard shortcuts',
    close: 'Close',
    list: [
      ['j', 'Next conversation'],
      ['k', 'Previous conversation'],
      ['Enter', 'Open the selected conversation'],
      ['x', 'Select the conversation for a bulk action (Shift+click selects a range)'],
      ['a', 'Claim the open conversation, or assign it'],
      ['e', 'Resolve the open conversation'],
      ['s', 'Snooze the open conversation'],
      ['r', 'Write a reply'],
      ['n', 'Write an internal note'],
      ['Ctrl+Enter', 'Send the reply or note'],
      ['/ in a reply', 'Insert a canned answer: type its shortcut, ↑↓ and Enter'],
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
