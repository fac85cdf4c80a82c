import type { ScormApi } from './findApi';

/** The calls the course makes to an LMS, the same for both SCORM versions. */
export interface Lms {
  readonly connected: boolean;
  initialize(): boolean;
  get(element: string): string;
  /** Sets a value; skips the call when the same value was already written in this session. */
  set(element: string, value: string): void;
  commit(): void;
  terminate(): void;
}

const methods = {
  scorm12: {
    init: 'LMSInitialize',
    get: 'LMSGetValue',
    set: 'LMSSetValue',
    commit: 'LMSCommit',
    end: 'LMSFinish',
  },
  scorm2004: { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', end: 'Terminate' },
} as const;

/** An LMS reached through its SCORM API object. */
export class ScormLms implements Lms {
  readonly connected = true;
  readonly #api: ScormApi;
  readonly #m: (typeof methods)[keyof typeof methods];
  readonly #written = new Map<string, string>();
  #active = false;

  constructor(api: ScormApi, version: keyof typeof methods) {
    this.#api = api;
    this.#m = methods[version];
  }

  #call(method: string, ...args: string[]): string {
    const fn = this.#api[method];
    return typeof fn === 'function' ? String(fn.apply(this.#api, args)) : 'false';
  }

  initialize(): boolean {
    this.#active = this.#call(this.#m.init, '') === 'true';
    return this.#active;
  }

  get(element: string): string {
    return this.#active ? this.#call(this.#m.get, element) : '';
  }

  set(element: string, value: string): void {
    if (!this.#active || this.#written.get(element) === value) return;
    this.#call(this.#m.set, element, value);
    this.#written.set(element, value);
  }

  commit(): void {
    if (this.#active) this.#call(this.#m.commit, '');
  }

  terminate(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#call(this.#m.end, '');
  }
}

/** No LMS found: the course still works, and nothing is tracked. */
export class NoLms implements Lms {
  readonly connected = false;
  initialize(): boolean {
    return false;
  }
  get(): string {
    return '';
  }
  set(): void {}
  commit(): void {}
  terminate(): void {}
}
