import { z } from 'zod';

/** Schemas of the course source files, exactly as docs/authoring/format.md describes them. */

const idPattern = /^[a-z0-9-]+$/;
export const sourceId = z.string().regex(idPattern, 'use only a-z, 0-9 and "-"');
const text = z.string().trim().min(1, 'must not be empty');
const localized = z.strictObject({ sv: text, en: text.optional() });

export const languages = ['sv', 'en'] as const;
/** A language a course text can be in: Swedish (`sv`, always required) or English (`en`, optional). */
export type Language = (typeof languages)[number];

export const courseFileSchema = z.strictObject({
  slug: sourceId,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0 (write it in quotes if unsure)'),
  languages: z
    .array(z.enum(languages))
    .min(1)
    .refine((list) => list[0] === 'sv', 'Swedish (sv) comes first')
    .refine((list) => new Set(list).size === list.length, 'a language is listed twice'),
  title: localized,
  description: localized,
  audience: localized,
  estimatedMinutes: z.number().int().positive(),
  masteryScore: z.number().int().min(0).max(100),
  lessons: z.array(sourceId).min(1, 'list at least one lesson'),
});
export type CourseFile = z.infer<typeof courseFileSchema>;

const option = z.strictObject({ id: sourceId, text, correct: z.boolean().optional(), feedback: text });
const rightWrong = z.strictObject({ correct: text, incorrect: text });

/** One schema per question type; the type itself is checked first for a clearer message. */
export const questionSchemas = {
  single: z.strictObject({
    id: sourceId,
    type: z.literal('single'),
    prompt: text,
    options: z
      .array(option)
      .min(2, 'needs at least two options')
      .refine((o) => o.filter((x) => x.correct).length === 1, 'needs exactly one option with correct: true'),
  }),
  multiple: z.strictObject({
    id: sourceId,
    type: z.literal('multiple'),
    prompt: text,
    options: z
      .array(option)
      .min(2, 'needs at least two options')
      .refine((o) => o.some((x) => x.correct), 'needs at least one option with correct: true'),
  }),
  truefalse: z.strictObject({
    id: sourceId,
    type: z.literal('truefalse'),
    prompt: text,
    answer: z.boolean(),
    feedback: z.strictObject({ true: text, false: text }),
  }),
  ordering: z.strictObject({
    id: sourceId,
    type: z.literal('ordering'),
    prompt: text,
    items: z.array(z.strictObject({ id: sourceId, text })).min(3, 'needs at least three items'),
    feedback: rightWrong,
  }),
  matching: z.strictObject({
    id: sourceId,
    type: z.literal('matching'),
    prompt: text,
    pairs: z
      .array(z.strictObject({ id: sourceId, left: text, right: text }))
      .min(3, 'needs at least three pairs'),
    feedback: rightWrong,
  }),
} as const;
/**
 * The `type` of a question in a lesson's front matter: `single`, `multiple`, `truefalse`, `ordering` or
 * `matching`.
 */
export type QuestionType = keyof typeof questionSchemas;
/** A question as written in a lesson's front matter, validated; its fields depend on its `type`. */
export type Question = z.infer<(typeof questionSchemas)[QuestionType]>;

export const lessonFrontMatterSchema = z.strictObject({
  id: sourceId,
  title: text,
  minutes: z.number().positive(),
  objectives: z.array(text).min(1, 'list at least one objective'),
  questions: z.array(z.unknown()).optional(),
  reflection: z.array(z.strictObject({ id: sourceId, prompt: text })).optional(),
});

export const parametersFileSchema = z.strictObject({
  verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01'),
  parameters: z.record(
    z.string().regex(/^[a-z0-9_]+$/, 'parameter keys use a-z, 0-9 and "_"'),
    z.strictObject({
      value: z.union([z.string(), z.number()]),
      verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01'),
      source: text,
      note: z.string().optional(),
    }),
  ),
});
