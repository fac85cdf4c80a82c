/**
 * Runs scorm-again's real Scorm12API / Scorm2004API in Node and captures what they commit with
 * `dataCommitFormat: 'flattened'`. scorm-again needs no DOM for the data model; it sends ordinary
 * commits with a synchronous XMLHttpRequest and the Terminate/LMSFinish commit with
 * navigator.sendBeacon, so those two browser globals are stood in for by recorders that answer
 * as our server does (`{"result": true, "errorCode": 0}`).
 */
export interface CapturedCommit {
  readonly via: 'xhr' | 'beacon';
  readonly cmi: Record<string, unknown>;
}

export interface ScormAgainRun {
  readonly commits: CapturedCommit[];
  /** The SCORM API object (LMSInitialize…/Initialize… methods). */
  readonly api: Record<string, (...args: string[]) => string>;
  /** Loads flattened CMI before initialisation, as the player does. */
  load(cmi: Record<string, unknown>): void;
}

/** What is used of scorm-again's API classes. */
interface ScormAgainInstance {
  loadFromFlattenedJSON(cmi: Record<string, unknown>, prefix: string): void;
}
type ScormAgainClass = new (settings: Record<string, unknown>) => ScormAgainInstance;

const pending: Promise<void>[] = [];

/** The globals the stand-ins replace, as they were, so other test files see an untouched Node. */
const standInNames = ['XMLHttpRequest', 'navigator'] as const;
let saved: Map<string, PropertyDescriptor | undefined> | null = null;

function installRecorders(commits: CapturedCommit[]): void {
  saved ??= new Map(standInNames.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
  Object.defineProperty(globalThis, 'XMLHttpRequest', {
    configurable: true,
    writable: true,
    value: class {
      status = 0;
      responseText = '';
      open(): void {}
      setRequestHeader(): void {}
      send(body: string): void {
        commits.push({ via: 'xhr', cmi: JSON.parse(body) as Record<string, unknown> });
        this.status = 200;
        this.responseText = '{"result":true,"errorCode":0}';
      }
    },
  });
  Object.defineProperty(globalThis, 'navigator', {
    configurable: true,
    value: {
      sendBeacon(_url: string, blob: Blob): boolean {
        pending.push(
          blob
            .text()
            .then(
              (body) =>
                void commits.push({ via: 'beacon', cmi: JSON.parse(body) as Record<string, unknown> }),
            ),
        );
        return true;
      },
    },
  });
}

/** Puts back the globals the stand-ins replaced (call in afterEach). */
export function removeStandIns(): void {
  if (!saved) return;
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else Reflect.deleteProperty(globalThis, name);
  }
  saved = null;
}

/** Waits until every beacon body has been read. */
export async function beaconsRead(): Promise<void> {
  await Promise.all(pending.splice(0));
}

/** A fresh scorm-again API of the given version, committing flattened CMI to the recorders. */
export async function startScormAgain(version: '1.2' | '2004'): Promise<ScormAgainRun> {
  const commits: CapturedCommit[] = [];
  installRecorders(commits);
  const settings = { dataCommitFormat: 'flattened', autocommit: false, logLevel: 5, lmsCommitUrl: '/commit' };
  // The typings of scorm-again 3 do not resolve under this package's settings; the shape used is
  // declared here instead.
  const module12 = (await import('scorm-again/scorm12')) as unknown as { Scorm12API: ScormAgainClass };
  const module2004 = (await import('scorm-again/scorm2004')) as unknown as { Scorm2004API: ScormAgainClass };
  const api = new (version === '1.2' ? module12.Scorm12API : module2004.Scorm2004API)(settings);
  return {
    commits,
    api: api as unknown as ScormAgainRun['api'],
    load: (cmi) => api.loadFromFlattenedJSON(cmi, ''),
  };
}
