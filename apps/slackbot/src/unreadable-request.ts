import type { IncomingMessage } from 'node:http';
import { HTTPModuleFunctions, type HTTPReceiver, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { BotLogger } from './reply/answer-service.js';

/**
 * What the HTTP receiver answers when Bolt itself fails on a signed request, before any listener
 * ran (listener errors go to app.error): a body in no shape Slack sends, such as `{"event":false}`.
 * That is the sender's fault, so 400, not Bolt's default 500; the body is not logged (it may hold
 * customer text). An authorisation failure and a response already sent keep Bolt's handling.
 */
export function unreadableRequestHandler(logger: BotLogger) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const { error, response } = args;
    if (response.headersSent || ('code' in error && error.code === 'slack_bolt_authorization_error'))
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    logger.warn({ reason: error.message }, 'slack.request_unreadable');
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'unreadable Slack request' }));
    return true;
  };
}

/**
 * Answers 400 to a signed request whose body is JSON `null`: Bolt 5.1 reads `body.ssl_check` on it,
 * and the TypeError escapes as an unhandled rejection (the request hangs, and Node's default
 * policy ends the process). Everything else, unsigned requests included, goes on to Bolt as before.
 */
export function refuseNullBodies(receiver: HTTPReceiver, signingSecret: string, logger: BotLogger): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    void bodyIsNull(req, signingSecret).then(
      (isNull) => {
        if (!isNull) return next(req, res);
        logger.warn({ reason: 'body is null' }, 'slack.request_unreadable');
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unreadable Slack request' }));
      },
      (error: unknown) => {
        // Too large to buffer: Bolt could not read it either.
        if (HTTPModuleFunctions.isRawBodyError(error)) return HTTPModuleFunctions.buildNoBodyResponse(res, 413);
        // Unsigned, or not JSON: Bolt answers those itself (401, 400) from the buffered body.
        next(req, res);
      },
    );
  };
}

async function bodyIsNull(req: IncomingMessage, signingSecret: string): Promise<boolean> {
  const buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret }, req);
  return HTTPModuleFunctions.parseHTTPRequestBody(buffered) === null;
}
