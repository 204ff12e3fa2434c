/*
 * The deploy gate route: GET /can-i-deploy?service=&version=&environment=
 * [&pipeline=&repository=&commit=]. User or service credentials with the read permission.
 * Every answer is recorded (with who asked) and listed in GET /releases/:service/history; the
 * reader gets it without the entities the catalog hides from them.
 */
import { InputError } from '@backstage/errors';
import type { CanIDeployRequest } from '@internal/plugin-domain-split-common';
import express from 'express';
import Router from 'express-promise-router';
import type { GateStore } from '../database/GateStore';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import type { AnalysisService } from './AnalysisService';
import { answerCanIDeploy } from './deployGate';

const REQUIRED = ['service', 'version', 'environment'] as const;
const OPTIONAL = ['pipeline', 'repository', 'commit'] as const;
const MAX_LENGTH = 255;

/**
 * Parses the query of GET /can-i-deploy; an `InputError` names every missing, unknown or
 * malformed parameter.
 * @internal
 */
export function parseCanIDeployQuery(
  query: Record<string, unknown>,
): CanIDeployRequest {
  const problems: string[] = [];
  const unknown = Object.keys(query).filter(
    key =>
      !(REQUIRED as readonly string[]).includes(key) &&
      !(OPTIONAL as readonly string[]).includes(key),
  );
  if (unknown.length > 0) {
    problems.push(
      `unknown parameter(s) ${unknown.join(', ')} (allowed: ${[
        ...REQUIRED,
        ...OPTIONAL,
      ].join(', ')})`,
    );
  }
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const key of [...REQUIRED, ...OPTIONAL]) {
    const value = query[key];
    if (value === undefined) {
      if ((REQUIRED as readonly string[]).includes(key)) missing.push(key);
      continue;
    }
    if (typeof value !== 'string') {
      problems.push(`${key} must be given once`);
      continue;
    }
    const trimmed = value.trim();
    if (trimmed === '') {
      if ((REQUIRED as readonly string[]).includes(key)) missing.push(key);
      else problems.push(`${key} must not be empty`);
    } else if (trimmed.length > MAX_LENGTH) {
      problems.push(`${key} must be at most ${MAX_LENGTH} characters`);
    } else {
      values[key] = trimmed;
    }
  }
  if (missing.length > 0) {
    problems.unshift(`missing parameter(s) ${missing.join(', ')}`);
  }
  if (problems.length > 0) {
    throw new InputError(`Invalid can-i-deploy query: ${problems.join('; ')}`);
  }
  return {
    service: values.service,
    version: values.version,
    environment: values.environment,
    ...(values.pipeline ? { pipelineId: values.pipeline } : {}),
    ...(values.repository ? { repository: values.repository } : {}),
    ...(values.commit ? { commit: values.commit } : {}),
  };
}

/**
 * The deploy gate route.
 * @internal
 */
export function createGateRouter(options: {
  gate: GateStore;
  analysis: Pick<AnalysisService, 'getCatalog'>;
  /** Authenticates, checks the read permission and redacts for the reader. */
  access: Pick<AnalysisAccess, 'viewerOfRequest'>;
  /** The clock (tests). */
  now?: () => Date;
}): express.Router {
  const { gate, analysis, access } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/can-i-deploy', async (req, res) => {
    const viewer = await access.viewerOfRequest(req);
    const request = parseCanIDeployQuery(req.query as Record<string, unknown>);
    const principal = viewer.credentials.principal as
      | { type: 'user'; userEntityRef: string }
      | { type: 'service'; subject: string };
    const askedBy =
      principal.type === 'user' ? principal.userEntityRef : principal.subject;
    const answer = await answerCanIDeploy({
      store: gate,
      analysis,
      request,
      askedBy,
      now: now(),
      isHidden: ref => viewer.redactor.isHidden(ref),
    });
    // Computed on the whole catalog (a hidden counterpart still fails the gate), named for
    // this reader.
    res.json(viewer.redactor.canIDeploy(answer));
  });

  return router;
}
