-- Owner: @support/slack-state (packages/slack-state).
-- The Slack bot's own state: event dedupe, thread transcripts, per-channel settings (apps/slackbot
-- uses all three; the CLI and the admin API manage the settings). Nothing here may hold a raw question or a PII value.

-- One row per delivery key the bot has claimed: `event:<event_id>` and `message:<channel>:<ts>`.
-- The primary key is the lock: of two copies racing on one key, one insert wins. Rows are purged
-- after an hour (Slack's last retry comes about 5 minutes after the first delivery).
CREATE TABLE slack_event_claims (
  key text PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_event_claims_claimed_at_idx ON slack_event_claims (claimed_at);

-- The redacted turns of each thread the bot answered in: the conversation history of a follow-up,
-- since conversations.replies is capped at 1 request a minute for apps outside the Marketplace.
CREATE TABLE slack_thread_turns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id text NOT NULL,
  thread_ts text NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  answer_id uuid REFERENCES answers (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_thread_turns_thread_idx ON slack_thread_turns (channel_id, thread_ts, id);

-- Per-channel settings; a channel without a row has the defaults (enabled, answers follow-ups,
-- every tag and source, visible replies).
CREATE TABLE slack_channels (
  channel_id text PRIMARY KEY,
  enabled boolean NOT NULL DEFAULT true,
  mention_only boolean NOT NULL DEFAULT false,
  tags text[] NOT NULL DEFAULT '{}',
  sources text[] NOT NULL DEFAULT '{}',
  ephemeral boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
