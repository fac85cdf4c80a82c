/**
 * @kompetenta/scorm-runtime — SCORM 1.2 and 2004 data model constants, vocabularies and value
 * formats as data tables. No DOM, no Node I/O: used by the content runtime in the browser and by
 * the server.
 * @packageDocumentation
 */
export * from './versions';
export * from './scorm12';
export * from './scorm2004';
export * from './interactions';
