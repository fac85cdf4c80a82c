export { createGradeDelivery, GRADE_DELIVERY_DEFAULTS, type GradeDeliveryDeps } from './createGradeDelivery';
export type { AgsTokenSource } from './AgsTokenSource';
export { readGradePayload, type GradePayload } from './gradePayload';
export { scoresUrl } from './scoresUrl';
export { retryAfterMs } from './retryAfter';
export { AGS_SCORE_MEDIA_TYPE } from './postScore';
