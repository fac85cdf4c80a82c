/**
 * @kompetenta/scorm-player — the browser side of the player. The bundle (`./player.js`) runs in
 * the player page; this entry point holds the pure parts the server shares with it: the page
 * configuration contract, the progress shown in the frame and the frame's texts.
 * @packageDocumentation
 */
export * from './config';
export * from './progress';
export * from './texts';
export * from './pageIds';
