import type { Queryable } from '@support/db';

/** One redacted turn of a thread the bot took part in. */
export interface ThreadTurn {
  role: 'user' | 'assistant';
  content: string;
  answerId: string | null;
}

/** Appends turns to a thread's transcript, in order. */
export async function insertTurns(
  db: Queryable,
  thread: { channelId: string; threadTs: string },
  turns: ThreadTurn[],
): Promise<void> {
  await db.query(
    `INSERT INTO slack_thread_turns (channel_id, thread_ts, role, content, answer_id)
     SELECT $1::text, $2::text, t.role, t.content, t.answer_id
     FROM unnest($3::text[], $4::text[], $5::uuid[]) WITH ORDINALITY AS t(role, content, answer_id, n)
     ORDER BY t.n`,
    [
      thread.channelId,
      thread.threadTs,
      turns.map((t) => t.role),
      turns.map((t) => t.content),
      turns.map((t) => t.answerId),
    ],
  );
}

// The newest `limit` turns, returned oldest first: the copilot takes the history in order.
export async function selectRecentTurns(
  db: Queryable,
  thread: { channelId: string; threadTs: string },
  limit: number,
): Promise<ThreadTurn[]> {
  const { rows } = await db.query<{ role: 'user' | 'assistant'; content: string; answer_id: string | null }>(
    `SELECT role, content, answer_id FROM (
       SELECT id, role, content, answer_id FROM slack_thread_turns
       WHERE channel_id = $1::text AND thread_ts = $2::text
       ORDER BY id DESC LIMIT $3::int
     ) recent ORDER BY id`,
    [thread.channelId, thread.threadTs, limit],
  );
  return rows.map((row) => ({ role: row.role, content: row.content, answerId: row.answer_id }));
}

/** True when the bot has answered in this thread before. */
export async function botAnsweredInThread(
  db: Queryable,
  thread: { channelId: string; threadTs: string },
): Promise<boolean> {
  const { rows } = await db.query<{ answered: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM slack_thread_turns
       WHERE channel_id = $1::text AND thread_ts = $2::text AND role = 'assistant'
     ) AS answered`,
    [thread.channelId, thread.threadTs],
  );
  return rows[0]?.answered ?? false;
}

/** True when any thread of the channel has a turn (the agent has asked something there). */
export async function channelHasTurns(db: Queryable, channelId: string): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM slack_thread_turns WHERE channel_id = $1::text) AS any',
    [channelId],
  );
  return rows[0]?.any ?? false;
}
