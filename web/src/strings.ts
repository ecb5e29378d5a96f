// Every string the interface shows, in one place, so that a Dutch translation can follow.
// Functions are used where a string has a number or a name in it.

import type { ConversationStatus, SentimentLabel } from './api';

export const strings = {
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
    listening: 'Listening',
    streams: 'Streams',
    routing: 'Routing rules',
    byStream: 'Stream',
    anyStream: 'Any stream',
  },

  // Filter bar above the conversation list.
  filters: {
    label: 'Filters',
    language: 'Language',
    anyLanguage: 'Any language',
    sentiment: 'Sentiment',
    anySentiment: 'Any sentiment',
    minPriority: 'Priority',
    anyPriority: 'Any priority',
    atLeast: (n: number) => `${n} or higher`,
    stream: 'Stream',
    anyStream: 'Any stream',
    team: 'Team',
    anyTeam: 'Any team',
    sort: 'Order',
    sortRecent: 'Newest first',
    sortPriority: 'Most urgent first',
    unknownStream: (id: string) => `Stream ${id}`,
    unknownTeam: (id: string) => `Team ${id}`,
  },

  sentiment: {
    negative: 'Negative',
    neutral: 'Neutral',
    positive: 'Positive',
  } satisfies Record<SentimentLabel, string> as Record<string, string>,

  intent: {
    question: 'Question',
    complaint: 'Complaint',
    praise: 'Praise',
    information: 'Information',
  } as Record<string, string>,

  priority: {
    bands: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' },
    title: (p: number, band: string) => `Priority ${p} of 100 (${band})`,
  },

  language: {
    title: (name: string) => `Language: ${name}`,
    undetermined: 'language unknown',
  },

  // The analysis line under a post and its "Why?".
  analysis: {
    label: 'Analysis',
    language: 'Language',
    sentiment: 'Sentiment',
    intent: 'Intent',
    streams: 'Streams',
    priority: 'Priority',
    why: 'Why?',
    whyLabel: 'Why this sentiment and priority',
    sentimentHeading: (label: string, score: string) => `Sentiment ${label} (${score}): the words that counted`,
    term: 'Words',
    contribution: 'Contribution',
    rule: 'Rule',
    source: 'Source',
    noTerms: 'No word in this post carries a sentiment.',
    reasonsHeading: (p: number) => `Priority ${p}: how it adds up`,
    reason: 'Reason',
    points: 'Points',
    noReasons: 'No reasons recorded.',
    clamped: 'Priority is kept between 0 and 100.',
    isQuestion: 'asks a question',
    hasLink: 'has a link',
  },

  // Streams screen.
  streams: {
    title: 'Streams',
    intro:
      'A stream is a saved query of the listening engine. Every incoming post is checked against every active stream; the posts it catches get its team and its weight in their priority.',
    create: 'New stream',
    loading: 'Loading streams…',
    errorTitle: 'The streams could not be loaded',
    retry: 'Try again',
    empty: 'No streams yet — create one to start listening',
    emptyReadOnly: 'No streams yet. A team lead or administrator can create them.',
    readOnly: 'Only team leads and administrators can change streams.',
    columns: {
      name: 'Name',
      query: 'Query',
      team: 'Team',
      weight: 'Weight',
      active: 'Active',
      actions: 'Actions',
    },
    active: 'Active',
    paused: 'Paused',
    noTeam: 'No team',
    edit: 'Edit',
    editLabel: (name: string) => `Edit stream ${name}`,
    delete: 'Delete',
    deleteLabel: (name: string) => `Delete stream ${name}`,
    showInInbox: 'Inbox',
    showInInboxLabel: (name: string) => `Show the conversations of stream ${name}`,
    weight: (w: number) => (w > 0 ? `+${w}` : String(w)),
    count: (n: number) => (n === 1 ? '1 stream' : `${n} streams`),
    // The form.
    formCreate: 'New stream',
    formEdit: (name: string) => `Edit stream ${name}`,
    name: 'Name',
    query: 'Query',
    queryHint: 'The monitoring query language, e.g. storing* lang:nl -is:reply',
    queryHelp: 'Query language help',
    team: 'Team',
    colour: 'Colour',
    colourHex: 'Colour as #rrggbb',
    weightLabel: 'Priority weight',
    weightHint: 'Points added to the priority of the posts it catches (-100 to 100).',
    activeLabel: 'Active: check new posts against this stream',
    save: 'Save stream',
    saveNew: 'Create stream',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: (name: string) => `Stream ${name} saved.`,
    created: (name: string) => `Stream ${name} created.`,
    deleted: (name: string) => `Stream ${name} deleted.`,
    nameRequired: 'Give the stream a name.',
    queryRequired: 'Write the query of the stream.',
    colourInvalid: 'The colour must look like #d97706.',
    weightInvalid: 'The weight must be a whole number from -100 to 100.',
    // The delete confirmation.
    confirmTitle: 'Delete this stream?',
    confirmText: (name: string) =>
      `Stream "${name}" will stop listening. Posts it caught keep their analysis.`,
    confirmDelete: 'Delete stream',
    deleting: 'Deleting…',
    // The live preview.
    previewTitle: 'Preview: stored posts this query catches',
    previewHint: 'Start typing a query to see which stored posts it catches.',
    previewLoading: 'Checking the archive…',
    previewNone: 'No stored post matches this query.',
    previewCount: (n: number, limit: number) =>
      n >= limit ? `The newest ${n} matching posts` : n === 1 ? '1 matching post' : `${n} matching posts`,
    previewError: 'The preview could not be loaded',
    matched: 'Matched',
    queryError: 'Query error',
    previewQueryError: 'Correct the query to see which stored posts it catches.',
  },

  // Routing rules screen.
  routing: {
    title: 'Routing rules',
    intro:
      'How the priority (0-100) of every incoming post is made: the points of each rule that applies are added up, plus the weights of the streams that catch it, and the total is kept between 0 and 100.',
    loading: 'Loading the routing rules…',
    errorTitle: 'The routing rules could not be loaded',
    retry: 'Try again',
    readOnly: 'Only administrators can change the routing rules.',
    save: 'Save rules',
    saving: 'Saving…',
    saved: 'The routing rules are saved; new posts are routed with them.',
    reset: 'Undo changes',
    invalid: (label: string) => `${label}: enter a whole number.`,
    noTeam: 'No team (unassigned)',
    unknownTeam: (id: number) => `Team ${id}`,
    points: 'points',
    followers: 'followers',
    fields: {
      base: ['Base', 'Points every inbound post starts with.'],
      negative_sentiment: ['Negative sentiment', 'For a negative post, scaled by how negative it is (score -1 gives all points).'],
      positive_sentiment: ['Positive sentiment', 'For a positive post that is not a complaint; negative points let praise wait a little.'],
      question: ['Question', 'When the post asks a question.'],
      complaint: ['Complaint', 'When the post is a complaint.'],
      influence_max: ['Influence', 'For the author’s reach: all points at the follower count below, fewer on a log scale from 100 followers.'],
      influence_max_followers: ['Followers for full influence', 'The follower count that earns all influence points.'],
      customer_value_max: ['Customer value', 'For the customer’s value (0-100) in the contact record; value 100 gives all points.'],
      repeat_contact: ['Repeat contact', 'Per earlier post by the same author in the last 7 days.'],
      repeat_contact_max: ['Repeat contact, at most', 'The most points repeat contacts can add together.'],
      private_message: ['Private message', 'For a direct message, e-mail or call note.'],
      default_team: ['Default team', 'The team of a post when no stream that caught it has a team.'],
    } as Record<string, readonly [string, string]>,
  },

  // Confirmation dialogs.
  confirm: {
    cancel: 'Cancel',
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
