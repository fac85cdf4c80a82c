import type { CourseSource } from '@kompetenta/course-builder';

/**
 * A small course defined in code: two lessons in Swedish and English, Markdown content, one
 * image, a fact kept in `parameters` and a knowledge check with two question types. The same
 * rules apply as to a folder under `courses/` (docs/authoring/format.md).
 */
export const course: CourseSource = {
  slug: 'kallkritik-kod',
  version: '1.0.0',
  languages: ['sv', 'en'],
  title: { sv: 'Källkritik på jobbet', en: 'Source criticism at work' },
  description: {
    sv: 'En kort kurs om att granska information, byggd från kod.',
    en: 'A short course on checking information, built from code.',
  },
  audience: { sv: 'Alla medarbetare', en: 'All staff' },
  estimatedMinutes: 15,
  masteryScore: 50,
  parameters: {
    verified: '2026-11-01',
    parameters: {
      fragor: {
        value: 'tre',
        verified: '2026-11-01',
        source: 'https://www.kompetenta.example/kallkritik',
      },
    },
  },
  images: {
    'forstoringsglas.svg': Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="4" cy="4" r="3" fill="none" stroke="black"/><line x1="6" y1="6" x2="9" y2="9" stroke="black"/></svg>',
    ),
  },
  lessons: [
    {
      id: 'granska',
      sv: {
        title: 'Granska en källa',
        minutes: 8,
        objectives: ['Du kan ställa tre frågor till en källa.'],
        body: [
          '## Tre frågor',
          '',
          'Ställ {{param.fragor}} frågor till allt du läser:',
          '',
          '1. **Vem** står bakom?',
          '2. **När** skrevs det?',
          '3. **Varför** finns det?',
          '',
          '![Ett förstoringsglas](../images/forstoringsglas.svg)',
        ].join('\n'),
      },
      en: {
        title: 'Check a source',
        minutes: 8,
        objectives: ['You can ask a source three questions.'],
        body: [
          '## Three questions',
          '',
          'Ask everything you read these questions:',
          '',
          '1. **Who** is behind it?',
          '2. **When** was it written?',
          '3. **Why** does it exist?',
          '',
          '![A magnifying glass](../images/forstoringsglas.svg)',
        ].join('\n'),
      },
    },
    {
      id: 'testa',
      sv: {
        title: 'Testa dig själv',
        minutes: 7,
        objectives: ['Du kan använda frågorna på ett exempel.'],
        questions: [
          {
            id: 'testa-vem',
            type: 'single',
            prompt: 'Vilken fråga handlar om avsändaren?',
            options: [
              { id: 'vem', text: 'Vem står bakom?', correct: true, feedback: 'Rätt: avsändaren.' },
              { id: 'nar', text: 'När skrevs det?', feedback: 'Nej, det handlar om tiden.' },
            ],
          },
          {
            id: 'testa-gammalt',
            type: 'truefalse',
            prompt: 'En gammal text kan vara inaktuell.',
            answer: true,
            feedback: { true: 'Rätt.', false: 'Jo, fakta ändras.' },
          },
        ],
        body: '## Frågor\n\nSvara på frågorna och kontrollera dina svar.',
      },
      en: {
        title: 'Test yourself',
        minutes: 7,
        objectives: ['You can use the questions on an example.'],
        questions: [
          {
            id: 'testa-vem',
            type: 'single',
            prompt: 'Which question is about the sender?',
            options: [
              { id: 'vem', text: 'Who is behind it?', correct: true, feedback: 'Right: the sender.' },
              { id: 'nar', text: 'When was it written?', feedback: 'No, that is about time.' },
            ],
          },
          {
            id: 'testa-gammalt',
            type: 'truefalse',
            prompt: 'An old text can be out of date.',
            answer: true,
            feedback: { true: 'Right.', false: 'It can: facts change.' },
          },
        ],
        body: '## Questions\n\nAnswer the questions and check your answers.',
      },
    },
  ],
};
