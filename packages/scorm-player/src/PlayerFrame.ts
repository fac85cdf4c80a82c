import type { PlayerLang } from './config';
import type { SaveState } from './CommitSender';
import { playerElementIds as ids } from './pageIds';
import type { PlayerProgress } from './progress';
import { playerTexts, type PlayerTexts } from './texts';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`player page: no #${id}`);
  return element as T;
}

/**
 * The accessible frame around the course, as rendered by lti-server's playerPage: progress,
 * the polite status line, the exit button and the "you can close the window" state.
 */
export class PlayerFrame {
  readonly texts: PlayerTexts;
  readonly frame = byId<HTMLIFrameElement>(ids.frame);
  readonly exitButton = byId<HTMLButtonElement>(ids.exit);
  readonly #progress = byId<HTMLProgressElement>(ids.progress);
  readonly #progressText = byId(ids.progressText);
  readonly #status = byId(ids.status);
  readonly #done = byId(ids.done);
  #lastProgress = '';
  #hadTrouble = false;

  constructor(lang: PlayerLang) {
    this.texts = playerTexts(lang);
  }

  showProgress(progress: PlayerProgress): void {
    const text = this.texts.progress(progress);
    if (text === this.#lastProgress) return;
    this.#lastProgress = text;
    this.#progress.max = Math.max(1, progress.lessonsTotal);
    this.#progress.value = progress.lessonsDone;
    this.#progressText.textContent = text;
  }

  /** Says nothing while saving goes well (a screen reader would hear it on every page); speaks up on trouble. */
  showSaveState(state: SaveState): void {
    if (state.kind === 'retrying') {
      this.#hadTrouble = true;
      this.say(this.texts.offline);
    } else if (state.kind === 'rejected') {
      this.#hadTrouble = true;
      this.say(
        state.status === 401 || state.status === 403 ? this.texts.sessionExpired : this.texts.notSaved,
      );
    } else if (state.kind === 'saved' && this.#hadTrouble) {
      this.#hadTrouble = false;
      this.say(this.texts.saved);
    }
  }

  say(text: string): void {
    this.#status.textContent = text;
  }

  /** After "Avsluta": the course is gone, the page says it can be closed. */
  showDone(): void {
    this.frame.hidden = true;
    this.exitButton.hidden = true;
    this.say('');
    this.#done.hidden = false;
    this.#done.focus();
  }
}
