import type { ErrorCode, FieldError, Problem } from '@companero/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, STATUS_OF } from '../../platform/errors/app-error.ts';

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CONTEXT_PREFIX: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

interface ZodIssueLike {
  instancePath: string;
  keyword: string;
  message: string;
  params: { keys?: string[] };
}

/** One entry per offending field; an unknown key is named itself, not its parent object. */
function fieldErrors(issues: ZodIssueLike[], context: string): FieldError[] {
  const prefix = CONTEXT_PREFIX[context] ?? context;
  return issues.flatMap((issue) => {
    const base = [prefix, ...issue.instancePath.split('/').filter(Boolean)].join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params.keys?.length) {
      return issue.params.keys.map((key) => ({
        path: `${base}.${key}`,
        message: `Unknown field "${key}"`,
        code: issue.keyword,
      }));
    }
    return [{ path: base, message: issue.message, code: issue.keyword }];
  });
}

export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const errors = fieldErrors(fe.validation as unknown as ZodIssueLike[], fe.validationContext ?? 'body');
    const first = errors[0];
    return new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'Invalid request', {
      errors,
    });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than this endpoint accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_REQUEST', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_REQUEST', 'The body is not valid JSON');
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests, slow down');
  if (fe instanceof SyntaxError || (fe.statusCode === 400 && !fe.validation)) {
    return new AppError('MALFORMED_REQUEST', 'The request could not be read (malformed JSON or parameters)');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = (Object.entries(STATUS_OF).find(([, s]) => s === fe.statusCode)?.[0] ??
      'MALFORMED_REQUEST') as ErrorCode;
    return new AppError(code, fe.message);
  }
  return new AppError(
    'INTERNAL',
    'Something went wrong on our side. The request id identifies it in the logs.',
  );
}

export function problemOf(err: AppError, req: FastifyRequest): Problem {
  return {
    type: `https://companero.dev/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: err.message,
    instance: req.url.split('?')[0],
    code: err.code,
    requestId: req.id,
    ...(err.details.errors ? { errors: err.details.errors } : {}),
    ...(err.details.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: err.details.retryAfterSeconds }
      : {}),
  };
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  if (err.details.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(err.details.retryAfterSeconds));
  return reply.status(err.status).type('application/problem+json').send(problemOf(err, req));
}

/**
 * One error handler for the whole API: every failure becomes RFC 9457
 * problem+json with a stable code and the request id; 4xx log at warn, 5xx at
 * error with the stack (the client never sees internals).
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      req.log.error({ err: error, serialization: isResponseSerializationError(error) }, 'request failed');
    } else {
      req.log.warn({ code: appError.code, detail: appError.message }, 'request rejected');
    }
    return sendProblem(reply, req, appError);
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      req,
      new AppError('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`),
    ),
  );
}
