/**
 * Ids of the player page's elements: the server renders them, the bundle finds them. One table,
 * so the two cannot drift apart.
 */
export const playerElementIds = {
  config: 'kompetenta-player-config',
  main: 'kurs',
  frame: 'kp-frame',
  exit: 'kp-exit',
  progress: 'kp-progress',
  progressText: 'kp-progress-text',
  status: 'kp-status',
  done: 'kp-done',
} as const;

/** Where lti-server serves the bundle. */
export const playerScriptPath = '/play/assets/player.js';
