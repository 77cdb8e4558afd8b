import type { Copilot } from '@support/copilot';
import type { SlackState } from '@support/slack-state';
import type { AnswerService, BotLogger } from '../reply/answer-service.js';
import type { AudienceResolver } from './audience.js';

/** What every listener may use. */
export interface ListenerDeps {
  copilot: Copilot;
  state: SlackState;
  answers: AnswerService;
  audience: AudienceResolver;
  logger: BotLogger;
}
