/**
 * The one module that touches scorm-again. Its declaration files use extensionless relative
 * imports inside an ES-module package, which TypeScript's Node resolution cannot follow (the types
 * come out as `any`), so the parts the player uses are typed here, checked against
 * scorm-again 3.x's `dist/types` (api_types.d.ts, interfaces/services.d.ts, BaseAPI.d.ts).
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';

/** scorm-again's CommitMetadata. */
export interface CommitMetadata {
  readonly isTerminateCommit: boolean;
  readonly trigger: string;
  readonly sequence?: number;
}

/** scorm-again's ResultObject. */
export interface ResultObject {
  result: string | boolean;
  errorCode: number;
}

/** The listener callback scorm-again passes to an HTTP service. */
export type ProcessListeners = (functionName: string, element?: string, value?: unknown) => void;

/** scorm-again's IHttpService (the commit transport it lets an LMS replace). */
export interface ScormHttpService {
  processHttpRequest(
    url: string,
    params: unknown,
    immediate: boolean,
    apiLog: unknown,
    processListeners: ProcessListeners,
    metadata?: CommitMetadata,
    onRequestComplete?: () => void,
  ): ResultObject;
  updateSettings(settings: ScormSettings): void;
}

/** The subset of scorm-again's Settings the player sets. */
export interface ScormSettings {
  lmsCommitUrl?: string | boolean;
  dataCommitFormat?: 'json' | 'flattened' | 'params';
  sendFullCommit?: boolean;
  autocommit?: boolean;
  autocommitSeconds?: number;
  commitRequestDataType?: string;
  terminationCommitContentType?: string;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'NONE';
  requestHandler?: (commit: unknown, metadata?: CommitMetadata) => unknown;
  responseHandler?: (response: Response) => Promise<ResultObject>;
  httpService?: ScormHttpService;
}

/** The API object the SCO calls, with the LMS-side methods the player uses (BaseAPI). */
export interface ScormApi {
  isInitialized(): boolean;
  lmsCommit(parameter?: string): string;
  lmsFinish(parameter?: string): string;
  on(listenerNames: string, callback: (...args: unknown[]) => void): void;
  loadFromFlattenedJSON(json: Record<string, string | number>): void;
  getFlattenedCMI(): Record<string, unknown>;
}

type ScormApiConstructor = new (settings: ScormSettings) => ScormApi;

/** scorm-again's Scorm12API (window.API) or Scorm2004API (window.API_1484_11). */
export function newScormApi(version: '1.2' | '2004', settings: ScormSettings): ScormApi {
  const Api = (version === '1.2' ? Scorm12API : Scorm2004API) as unknown as ScormApiConstructor;
  return new Api(settings);
}
