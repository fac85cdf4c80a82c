import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const validCourseYaml = `slug: demo
version: 1.0.0
languages: [sv]
title:
  sv: Demo
description:
  sv: En demo.
audience:
  sv: Alla
estimatedMinutes: 10
masteryScore: 80
lessons:
  - d1
`;

export const validLesson = `---
id: d1
title: Första lektionen
minutes: 5
objectives:
  - Du kan något.
questions:
  - id: d1-q1
    type: truefalse
    prompt: Är det sant?
    answer: true
    feedback:
      true: Rätt.
      false: Fel.
---

## Rubrik

Text med {{param.telefon}}.
`;

export const validParameters = `verified: 2026-11-01
parameters:
  telefon:
    value: 020-1
    verified: 2026-11-01
    source: https://example.org
`;

/**
 * Writes a course folder `<tmp>/courses/demo` with the given files (path → text) on top of a
 * valid minimal course, and returns the courses folder.
 */
export function fixtureCourses(files: Record<string, string | undefined> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'kompetenta-course-'));
  const coursesDir = join(root, 'courses');
  const all: Record<string, string | undefined> = {
    'course.yaml': validCourseYaml,
    'parameters.yaml': validParameters,
    'lessons/d1.sv.md': validLesson,
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    if (text === undefined) continue;
    const target = join(coursesDir, 'demo', path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return coursesDir;
}
