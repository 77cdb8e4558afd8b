import type { webApi } from '@slack/bolt';
import type { BotLogger } from '../reply/answer-service.js';

/**
 * Who the bot answers as in a channel: agents see internal articles, except in a channel shared
 * with another organisation (Slack Connect), where it answers as for customers.
 */
export interface AudienceResolver {
  resolve(
    client: webApi.WebClient,
    channelId: string,
    sharedFlag: boolean | undefined,
    log: BotLogger,
  ): Promise<'agent' | 'customer'>;
}

/** Caches conversations.info per channel for `ttlMs` (default 5 minutes). */
export function createAudienceResolver(options: { now?: () => number; ttlMs?: number } = {}): AudienceResolver {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? 300_000;
  const cache = new Map<string, { shared: boolean; at: number }>();
  return {
    async resolve(client, channelId, sharedFlag, log) {
      // Events carry the flag in their envelope; slash commands and actions do not.
      if (sharedFlag !== undefined) return sharedFlag ? 'customer' : 'agent';
      const cached = cache.get(channelId);
      if (cached !== undefined && now() - cached.at < ttl) return cached.shared ? 'customer' : 'agent';
      try {
        const info = await client.conversations.info({ channel: channelId });
        const shared = info.channel?.is_ext_shared === true;
        cache.set(channelId, { shared, at: now() });
        return shared ? 'customer' : 'agent';
      } catch (error) {
        // Not knowing whether outsiders read along, answer as for them.
        log.warn({ err: error, channelId }, 'audience.unknown');
        return 'customer';
      }
    },
  };
}
