import type { CommitSender } from './CommitSender';
import { readCommitResponse } from './commitResponse';
import type { PlayerConfig } from './config';
import { newScormApi, type ScormApi, type ScormSettings } from './scormAgain';

/** Seconds after a SetValue without a Commit before scorm-again commits by itself. */
const autocommitSeconds = 3;

/**
 * scorm-again's API for the attempt's SCORM version, committing flattened CMI to the commit API as
 * `{ seq, cmi }` through the player's CommitSender, with the saved CMI already loaded so the SCO
 * resumes. Put on the window (`API_1484_11` or `API`) by the caller, before the SCO loads.
 */
export function createScormApi(config: PlayerConfig, sender: CommitSender): ScormApi {
  let seq = config.nextSeq;
  const settings: ScormSettings = {
    lmsCommitUrl: config.commitUrl,
    dataCommitFormat: 'flattened',
    sendFullCommit: true,
    autocommit: true,
    autocommitSeconds,
    commitRequestDataType: 'application/json;charset=UTF-8',
    terminationCommitContentType: 'text/plain;charset=UTF-8',
    logLevel: 'ERROR',
    // Each commit is numbered, strictly increasing within the page session: the server ignores a
    // number it has already applied, so a late or repeated request never moves the attempt back.
    requestHandler: (cmi: unknown) => ({ seq: seq++, cmi }),
    responseHandler: async (response: Response) => {
      const outcome = readCommitResponse(response.status, await response.text());
      return outcome.kind === 'saved' ? { result: true, errorCode: 0 } : { result: false, errorCode: 101 };
    },
    httpService: sender,
  };
  const api = newScormApi(config.scormVersion, settings);
  // scorm-again hands a replacement HTTP service no settings at construction: give it the handlers.
  sender.updateSettings(settings);
  api.loadFromFlattenedJSON({ ...config.initialCmi });
  return api;
}
