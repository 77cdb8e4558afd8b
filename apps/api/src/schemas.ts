import { z } from '@hono/zod-openapi';
import { Answer } from '@support/copilot';

// Schemas more than one route uses; a route module never imports another route's.

/** A source name as it appears in paths. */
export const SourceParam = z
  .string()
  .min(1)
  .max(200)
  .openapi({ param: { name: 'source', in: 'path' }, example: 'help-center' });

/**
 * A package's schema under a component name. Zod 4 gives an instance its methods when it is built,
 * so a schema a package built before @hono/zod-openapi was first imported has no .openapi(); its
 * clone, built now, has.
 */
export function named<T extends z.ZodType>(schema: T, name: string): T {
  return schema.clone().openapi(name);
}

/** The Answer as the API returns it (also the `done` event's payload when streaming). */
export const AnswerSchema = named(Answer, 'Answer');

/** An `{id}` path parameter. */
export const IdParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
