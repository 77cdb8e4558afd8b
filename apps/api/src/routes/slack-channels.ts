import { createRoute, z } from '@hono/zod-openapi';
import type { ApiKeyStore } from '@support/api-keys';
import { AppError } from '@support/db';
import { ChannelId, type ChannelSettingsStore, ChannelSettingsUpdate } from '@support/slack-state';
import type { ApiApp } from '../api-env.js';
import { requireScope } from '../auth.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';

/** The scope every route in this module needs; declared here, with the routes. */
export const SLACK_CHANNELS_SCOPE = 'admin';
const PATH_PREFIX = '/v1/slack/channels';

const ChannelSettings = z
  .object({
    channelId: z.string(),
    enabled: z.boolean(),
    mentionOnly: z.boolean(),
    tags: z.array(z.string()),
    sources: z.array(z.string()),
    ephemeral: z.boolean(),
  })
  .openapi('SlackChannelSettings');
const Params = z.object({ channelId: ChannelId });

const listRoute = createRoute({
  method: 'get',
  path: PATH_PREFIX,
  tags: ['slack'],
  summary: 'Channels with their own Slack bot settings',
  responses: {
    200: {
      description: 'Stored settings',
      content: { 'application/json': { schema: z.object({ channels: z.array(ChannelSettings) }) } },
    },
    ...errorResponses,
  },
});
const getRoute = createRoute({
  method: 'get',
  path: `${PATH_PREFIX}/{channelId}`,
  tags: ['slack'],
  summary: "One channel's settings (the defaults when none are stored)",
  request: { params: Params },
  responses: {
    200: { description: 'Settings', content: { 'application/json': { schema: ChannelSettings } } },
    ...errorResponses,
  },
});
const patchRoute = createRoute({
  method: 'patch',
  path: `${PATH_PREFIX}/{channelId}`,
  tags: ['slack'],
  summary: "Changes a channel's settings; absent fields keep their value",
  request: {
    params: Params,
    body: { required: true, content: { 'application/json': { schema: ChannelSettingsUpdate } } },
  },
  responses: {
    200: { description: 'The new settings', content: { 'application/json': { schema: ChannelSettings } } },
    ...errorResponses,
  },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: `${PATH_PREFIX}/{channelId}`,
  tags: ['slack'],
  summary: 'Puts a channel back on the defaults',
  request: { params: Params },
  responses: { 204: { description: 'Reset' }, ...notFoundResponse, ...errorResponses },
});

/** /v1/slack/channels: the Slack bot's per-channel settings (admin scope, applied here). */
export function registerSlackChannelsRoute(
  app: ApiApp,
  deps: { slackChannels: ChannelSettingsStore; keys: ApiKeyStore },
): void {
  app.use(PATH_PREFIX, requireScope(deps.keys, SLACK_CHANNELS_SCOPE));
  app.use(`${PATH_PREFIX}/*`, requireScope(deps.keys, SLACK_CHANNELS_SCOPE));
  app.openapi(listRoute, async (c) => c.json({ channels: await deps.slackChannels.list() }, 200));
  app.openapi(getRoute, async (c) => c.json(await deps.slackChannels.get(c.req.valid('param').channelId), 200));
  app.openapi(patchRoute, async (c) =>
    c.json(await deps.slackChannels.update(c.req.valid('param').channelId, c.req.valid('json')), 200),
  );
  app.openapi(deleteRoute, async (c) => {
    const { channelId } = c.req.valid('param');
    if (!(await deps.slackChannels.reset(channelId)))
      throw new AppError('not_found', `channelId: ${channelId} has no stored settings`);
    return c.body(null, 204);
  });
}
