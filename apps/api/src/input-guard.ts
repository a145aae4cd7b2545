import type { FastifyInstance } from 'fastify';
import { DomainException, ErrorCode, findInputProblem, InputProblem } from '@app/common';
import { HttpExceptionFilter } from './errors/http-exception.filter';

/** Route config of a route that checks its own input in one pass (the SCORM commit: docs/api-input.md). */
export const CHECKS_OWN_INPUT = { checksOwnInput: true } as const;

const MAX_SHOWN_PATH = 120;

function refusal(problem: InputProblem): DomainException {
  const path = problem.path.length > MAX_SHOWN_PATH ? `${problem.path.slice(0, MAX_SHOWN_PATH)}…` : problem.path;
  switch (problem.kind) {
    case 'lone-surrogate':
      return DomainException.badRequest(
        `${path} holds a lone UTF-16 surrogate: text must be well-formed Unicode`,
        ErrorCode.MalformedText,
      );
    case 'too-deep':
      return DomainException.badRequest(
        `${path} nests objects or arrays deeper than ${problem.limit} levels`,
        ErrorCode.NestedTooDeep,
      );
  }
}

/**
 * Refuses, before guards, pipes and handlers, any query or JSON body with a lone surrogate in a
 * string or key, or nested past MAX_INPUT_DEPTH (docs/api-input.md). Every other check stays with
 * the validation pipe; this one exists because those inputs crash validators and the database.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  const filter = new HttpExceptionFilter();
  fastify.addHook('preValidation', (request, reply, done) => {
    const config = request.routeOptions.config as { checksOwnInput?: boolean } | undefined;
    const problem =
      findInputProblem(request.query, 'query') ??
      (config?.checksOwnInput ? undefined : findInputProblem(request.body, 'body'));
    if (problem === undefined) {
      done();
      return;
    }
    void reply
      .code(400)
      .header('Cache-Control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(filter.toBody(refusal(problem)));
  });
}
