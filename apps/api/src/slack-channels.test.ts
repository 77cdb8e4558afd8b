import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiApp } from './api-env.js';
import { createTestApp, getWithKey, type TestApp } from './test-app.js';

describe('/v1/slack/channels', () => {
  let app: ApiApp;
  let keys: TestApp['keys'];
  let close: () => Promise<void>;
  const send = (method: string, path: string, body: unknown, key: string) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  beforeAll(async () => {
    ({ app, keys, close } = await createTestApp({ slackChannels: true }));
  });
  afterAll(() => close());

  it('shows the defaults, stores a change, lists it and resets it', async () => {
    const defaults = await getWithKey(app, '/v1/slack/channels/C0SUPPORT', keys.agent);
    expect(await defaults.json()).toEqual({
      channelId: 'C0SUPPORT',
      enabled: true,
      mentionOnly: false,
      tags: [],
      sources: [],
      ephemeral: false,
    });
    const patched = await send(
      'PATCH',
      '/v1/slack/channels/C0SUPPORT',
      { mentionOnly: true, tags: ['billing'] },
      keys.agent,
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ mentionOnly: true, tags: ['billing'], enabled: true });
    const list = (await (await getWithKey(app, '/v1/slack/channels', keys.agent)).json()) as { channels: unknown[] };
    expect(list.channels).toEqual([expect.objectContaining({ channelId: 'C0SUPPORT', mentionOnly: true })]);
    expect((await send('DELETE', '/v1/slack/channels/C0SUPPORT', undefined, keys.agent)).status).toBe(204);
    expect((await send('DELETE', '/v1/slack/channels/C0SUPPORT', undefined, keys.agent)).status).toBe(404);
  });

  it('names the bad field, and needs the admin scope', async () => {
    const bad = await send('PATCH', '/v1/slack/channels/C0SUPPORT', { mentionOnly: 'yes' }, keys.agent);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('mentionOnly');
    const badId = await getWithKey(app, '/v1/slack/channels/general', keys.agent);
    expect(badId.status).toBe(400);
    expect((await getWithKey(app, '/v1/slack/channels', keys.customer)).status).toBe(403);
    expect((await app.request('/v1/slack/channels')).status).toBe(401);
  });
});
