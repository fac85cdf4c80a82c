import { CommitSender, type CommitTransport } from './CommitSender';
import { parsePlayerConfig, type PlayerConfig } from './config';
import { createScormApi } from './createScormApi';
import { playerElementIds as ids } from './pageIds';
import { PlayerFrame } from './PlayerFrame';
import { progressFromCmi } from './progress';
import type { ScormApi } from './scormAgain';
import { playerTexts } from './texts';

const transport: CommitTransport = {
  async post(url, body, keepalive) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
        body,
        keepalive,
        credentials: 'same-origin',
      });
      return { status: response.status, text: await response.text() };
    } catch {
      return { status: 0, text: '' };
    }
  },
  beacon(url, body) {
    return navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  },
};

function readConfig(): PlayerConfig | undefined {
  let json: unknown;
  try {
    json = JSON.parse(document.getElementById(ids.config)?.textContent ?? '');
  } catch {
    json = undefined;
  }
  const result = parsePlayerConfig(json);
  if (result.ok) return result.config;
  console.error('Kompetenta player: the page configuration is invalid', result.problems);
  return undefined;
}

/** Waits until the iframe has loaded what it was sent to. */
function loaded(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

/** Lets the SCO finish cleanly (its unload handler commits and terminates), then saves and closes. */
async function exit(
  api: ScormApi,
  sender: CommitSender,
  ui: PlayerFrame,
  config: PlayerConfig,
): Promise<void> {
  ui.exitButton.disabled = true;
  ui.say(ui.texts.exiting);
  // Unloaded even when it has not called Initialize yet, so it cannot start behind the done page.
  const unloaded = loaded(ui.frame);
  ui.frame.src = 'about:blank';
  await unloaded;
  // A SCO that does not terminate on unload is ended here, so its last data is committed.
  if (api.isInitialized()) api.lmsFinish('');
  if (!(await sender.whenSaved())) {
    ui.exitButton.disabled = false;
    return;
  }
  if (config.exitUrl) window.location.assign(config.exitUrl);
  else ui.showDone();
}

function start(config: PlayerConfig): void {
  const ui = new PlayerFrame(config.lang);
  const sender = new CommitSender(
    transport,
    {
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
    },
    (state) => ui.showSaveState(state),
  );
  const api = createScormApi(config, sender);
  const lessonCount = config.course.lessons.length;
  let scheduled = false;
  const refresh = (): void => {
    if (scheduled) return;
    scheduled = true;
    window.setTimeout(() => {
      scheduled = false;
      ui.showProgress(progressFromCmi(config.scormVersion, api.getFlattenedCMI(), lessonCount));
    }, 0);
  };
  api.on('SetValue Commit Terminate LMSSetValue LMSCommit LMSFinish', refresh);
  const host = window as unknown as Record<string, unknown>;
  host[config.scormVersion === '1.2' ? 'API' : 'API_1484_11'] = api;
  // The API is in place and holds the saved CMI: only now may the SCO start.
  ui.frame.src = config.contentUrl;

  ui.exitButton.addEventListener('click', () => void exit(api, sender, ui, config));
  window.addEventListener('online', () => sender.retryNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') sender.flushByBeacon();
  });
  window.addEventListener('pagehide', () => {
    // The top page's pagehide runs before the SCO's: removing the frame runs the SCO's unload now,
    // so its own last commit and Terminate (by beacon) go first. A SCO that does not end itself on
    // unload is committed for here; whatever is still unconfirmed leaves by beacon.
    ui.frame.remove();
    if (api.isInitialized()) api.lmsCommit('');
    sender.flushByBeacon();
  });
  // Back from the back/forward cache the course is gone (and terminated): start a fresh session.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });
  window.addEventListener('beforeunload', (event) => {
    if (sender.saved || !sender.inTrouble) return;
    event.preventDefault();
    event.returnValue = ui.texts.unsavedLeave;
  });
}

const config = readConfig();
if (config) start(config);
else {
  const status = document.getElementById(ids.status);
  if (status)
    status.textContent = playerTexts(document.documentElement.lang === 'en' ? 'en' : 'sv').brokenPage;
}
