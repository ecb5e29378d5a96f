-- Service levels (docs/sla.md): business hours per team, SLA policies with targets per
-- priority band, the timers every conversation runs, and the breaches they recorded.

-- When a team counts SLA time. team_id NULL: the default schedule for teams without one.
CREATE TABLE business_hours (
  id INTEGER PRIMARY KEY,
  team_id INTEGER REFERENCES teams(id),
  time_zone TEXT NOT NULL,               -- IANA name, "Europe/Amsterdam".
  always_open INTEGER NOT NULL DEFAULT 0,  -- 24/7: the intervals and closed dates are ignored.
  updated_at INTEGER NOT NULL
);
-- One schedule per team and one default (a plain UNIQUE would allow many NULLs).
CREATE UNIQUE INDEX business_hours_by_team ON business_hours (coalesce(team_id, 0));

-- Opening intervals in local time: minutes after midnight. closes <= opens runs past
-- midnight into the next day.
CREATE TABLE business_hours_intervals (
  hours_id INTEGER NOT NULL REFERENCES business_hours(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),  -- ISO: 1 Monday .. 7 Sunday.
  opens INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
  closes INTEGER NOT NULL CHECK (closes BETWEEN 1 AND 1440)
);
CREATE INDEX business_hours_intervals_by_hours ON business_hours_intervals (hours_id);

-- Local dates the team is closed although the week says open (public holidays).
CREATE TABLE business_hours_closed (
  hours_id INTEGER NOT NULL REFERENCES business_hours(id) ON DELETE CASCADE,
  date TEXT NOT NULL,  -- "2026-12-25"
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (hours_id, date)
) WITHOUT ROWID;

-- The SLA of a team. team_id NULL: the default policy for teams without one and for
-- conversations routed to no team. At most one of the two warning settings is non-zero.
CREATE TABLE sla_policies (
  id INTEGER PRIMARY KEY,
  team_id INTEGER REFERENCES teams(id),
  warn_percent INTEGER NOT NULL DEFAULT 0 CHECK (warn_percent BETWEEN 0 AND 99),
  warn_minutes_before INTEGER NOT NULL DEFAULT 0 CHECK (warn_minutes_before >= 0),
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX sla_policies_by_team ON sla_policies (coalesce(team_id, 0));

-- Targets in business minutes per priority band (from min_priority up to the next band);
-- 0: no target of that kind.
CREATE TABLE sla_targets (
  policy_id INTEGER NOT NULL REFERENCES sla_policies(id) ON DELETE CASCADE,
  min_priority INTEGER NOT NULL CHECK (min_priority BETWEEN 0 AND 100),
  first_response_minutes INTEGER NOT NULL DEFAULT 0,
  next_response_minutes INTEGER NOT NULL DEFAULT 0,
  resolution_minutes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (policy_id, min_priority)
) WITHOUT ROWID;

-- The latest timer of each kind of each conversation, running (stopped_at NULL) or stopped.
-- warned_at and breached_at make each warning and breach happen once per timer.
CREATE TABLE sla_timers (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL CHECK (kind IN ('first_response', 'next_response', 'resolution')),
  target_minutes INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  warn_at INTEGER,      -- NULL: the policy gives no warning.
  stopped_at INTEGER,
  warned_at INTEGER,
  breached_at INTEGER,
  PRIMARY KEY (conversation_id, kind)
) WITHOUT ROWID;
-- What the sweep looks for: warnings due, and breaches (running past due, or stopped late)
-- not yet recorded. Partial, so finished timers cost nothing.
CREATE INDEX sla_timers_to_warn ON sla_timers (warn_at)
  WHERE stopped_at IS NULL AND warned_at IS NULL AND breached_at IS NULL AND warn_at IS NOT NULL;
CREATE INDEX sla_timers_to_breach ON sla_timers (due_at)
  WHERE breached_at IS NULL AND (stopped_at IS NULL OR stopped_at > due_at);

-- Every breach, for reports: the team and priority the conversation had when it happened.
CREATE TABLE sla_breaches (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL,
  team_id INTEGER REFERENCES teams(id),
  priority INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,      -- The moment of the breach.
  stopped_at INTEGER,           -- The late answer or resolution; NULL while it ran on.
  recorded_at INTEGER NOT NULL,
  UNIQUE (conversation_id, kind, started_at)
);
CREATE INDEX sla_breaches_by_due ON sla_breaches (due_at);

-- Per conversation: its state against the running timers (none, ok, warning, breached) as of
-- the last write or sweep, the soonest due and warning time (the list sorts and filters on
-- them), the cycle bookkeeping, and the first response with its wait in business seconds.
ALTER TABLE conversations ADD COLUMN sla_state TEXT NOT NULL DEFAULT 'none';
ALTER TABLE conversations ADD COLUMN sla_due_at INTEGER;
ALTER TABLE conversations ADD COLUMN sla_warn_at INTEGER;
ALTER TABLE conversations ADD COLUMN sla_cycle_start INTEGER;
ALTER TABLE conversations ADD COLUMN sla_resolved_at INTEGER;
ALTER TABLE conversations ADD COLUMN sla_first_response_at INTEGER;
ALTER TABLE conversations ADD COLUMN sla_first_response_seconds INTEGER;
-- "Soonest deadline first", conversations without a running timer last.
CREATE INDEX conversations_by_sla_due
  ON conversations (coalesce(sla_due_at, 9223372036854775807), id);
CREATE INDEX conversations_by_first_response ON conversations (sla_first_response_at)
  WHERE sla_first_response_at IS NOT NULL;
