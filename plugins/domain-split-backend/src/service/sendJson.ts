import type { Response } from 'express';
import type { AnalysisService } from './AnalysisService';

/**
 * Answers with a result of the analysis service as JSON, serialised once per shared result.
 * @internal
 */
export function sendJson(
  res: Response,
  analysis: Pick<AnalysisService, 'toJson'>,
  result: object,
) {
  res.type('application/json').send(analysis.toJson(result));
}
