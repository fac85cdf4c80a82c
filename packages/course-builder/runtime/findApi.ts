/** The SCORM API object as content sees it (1.2 and 2004 method names). */
export type ScormApi = Record<string, (...args: string[]) => string | boolean>;

/** How far up the parent chain to look; ADL's own API finder gives up after 7 levels. */
const maxParents = 7;

function apiIn(win: Window, name: string): ScormApi | undefined {
  try {
    const candidate = (win as unknown as Record<string, unknown>)[name];
    return typeof candidate === 'object' && candidate !== null ? (candidate as ScormApi) : undefined;
  } catch {
    return undefined; // another origin: not reachable, keep looking elsewhere
  }
}

function searchParents(start: Window, name: string): ScormApi | undefined {
  let win = start;
  for (let level = 0; level <= maxParents; level++) {
    const api = apiIn(win, name);
    if (api) return api;
    let parent: Window | null = null;
    try {
      parent = win.parent;
    } catch {
      return undefined;
    }
    if (!parent || parent === win) return undefined;
    win = parent;
  }
  return undefined;
}

/**
 * Finds the LMS API the way the SCORM RTE books describe: this window and its parents, then the
 * window that opened it (and that one's parents and openers). `API` for 1.2, `API_1484_11` for 2004.
 */
export function findApi(start: Window, name: 'API' | 'API_1484_11'): ScormApi | undefined {
  let win: Window | null = start;
  for (let openers = 0; win && openers <= maxParents; openers++) {
    const api = searchParents(win, name);
    if (api) return api;
    try {
      win = (win.opener as Window | null) ?? null;
    } catch {
      win = null;
    }
  }
  return undefined;
}
