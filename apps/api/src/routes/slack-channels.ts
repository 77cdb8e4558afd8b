import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@support/db';
import { ChannelId, type ChannelSettingsStore, ChannelSettingsUpdate } from '@support/slack-state';
import { type ApiRoute, defineRoute } from '../define-route.js';
import { errorResponses, notFoundResponse } from '../http-errors.js';

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
  operationId: 'listSlackChannels',
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
  operationId: 'getSlackChannel',
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
  operationId: 'updateSlackChannel',
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
  operationId: 'resetSlackChannel',
  method: 'delete',
  path: `${PATH_PREFIX}/{channelId}`,
  tags: ['slack'],
  summary: 'Puts a channel back on the defaults',
  request: { params: Params },
  responses: { 204: { description: 'Reset' }, ...notFoundResponse, ...errorResponses },
});

/** /v1/slack/channels: the Slack bot's per-channel settings (admin scope). */
export function slackChannelsRoutes({ slackChannels }: { slackChannels: ChannelSettingsStore }): ApiRoute[] {
  const access = { scope: 'admin' } as const;
  return [
    defineRoute({
      access,
      route: listRoute,
      handler: async (c) => c.json({ channels: await slackChannels.list() }, 200),
    }),
    defineRoute({
      access,
      route: getRoute,
      handler: async (c) => c.json(await slackChannels.get(c.req.valid('param').channelId), 200),
    }),
    defineRoute({
      access,
      route: patchRoute,
      handler: async (c) =>
        c.json(await slackChannels.update(c.req.valid('param').channelId, c.req.valid('json')), 200),
    }),
    defineRoute({
      access,
      route: deleteRoute,
      handler: async (c) => {
        const { channelId } = c.req.valid('param');
        if (!(await slackChannels.reset(channelId)))
          throw new AppError('not_found', `channelId: ${channelId} has no stored settings`);
        return c.body(null, 204);
      },
    }),
  ];
}
