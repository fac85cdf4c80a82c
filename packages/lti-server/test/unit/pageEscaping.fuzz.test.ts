import type { CourseVersion, Person } from '@kompetenta/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { courseChooserPage } from '../../src/pages/courseChooserPage';
import { courseNotChosenPage } from '../../src/pages/courseNotChosenPage';
import { courseOverviewPage, learnerCoursePage } from '../../src/pages/coursePages';
import { pickerPage } from '../../src/pages/deepLinkingPages';
import { playerPage } from '../../src/pages/playerPage';
import { registrationDonePage } from '../../src/pages/registrationPages';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 200 };

/** Markup an attacker puts in an LTI name, a course title, a platform or organisation name. */
const payload = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    '</script><script>alert(1)</script>',
    '<!--<script>',
    '<a href="javascript:alert(1)">x</a>',
    '&lt;script&gt;',
  ),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('<svg onload=alert(1)>', '<iframe src=x>'))
    .map(([text, tag]) => `${text}${tag}`),
);

/** Elements or attributes only an injection would bring into our pages. */
const INJECTED = /<svg onload|<img src=x|<iframe src=x|<a href="javascript|<script>alert|<!--<script/i;

function expectEscaped(page: string): void {
  expect(INJECTED.test(page), page.slice(0, 400)).to.equal(false);
}

const person = (name: string): Person => ({
  id: 'p1',
  organisationId: 'o1',
  ltiIssuer: 'https://lms.example.se',
  ltiSubject: 's1',
  email: `${name}@example.se`,
  name,
  roles: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  erasedAt: null,
});
const course = (title: string): CourseVersion => ({
  id: 'c1',
  courseSlug: 'handledare',
  version: '1.0.0',
  trackingMajor: 1,
  contentHash: 'x',
  outline: { title, masteryScore: 80, lessons: [{ id: 'l1', title, minutes: 5 }] },
  createdAt: new Date(0),
});

describe('pages escape names and titles from LTI claims, courses and registrations', () => {
  it('the learner page and the staff overview', () => {
    fc.assert(
      fc.property(payload, payload, (name, title) => {
        expectEscaped(learnerCoursePage(person(name), course(title), null));
        expectEscaped(courseOverviewPage(person(name), course(title), [{ name, attempts: [] }]));
      }),
      fuzz,
    );
  });

  it('the player page config (course title, lesson titles, learner name in the CMI)', () => {
    fc.assert(
      fc.property(payload, payload, (name, title) => {
        const page = playerPage({
          lang: 'sv',
          scormVersion: '2004',
          attemptId: 'a1',
          contentUrl: '/content/x/1.0.0/2004/index.html',
          commitUrl: '/api/attempts/a1/commit?token=t',
          initialCmi: { 'cmi.learner_name': name, 'cmi.location': title },
          nextSeq: 1,
          course: { title, lessons: [{ id: 'l1', title, minutes: 1 }] },
          exitUrl: null,
        });
        expectEscaped(page);
        // The only </script> are the two script elements' own.
        expect(page.match(/<\/script/gi)).to.have.length(2);
      }),
      fuzz,
    );
  });

  it('the Deep Linking picker, the course chooser, the no-course page and the registration page', () => {
    fc.assert(
      fc.property(payload, payload, (name, title) => {
        const courses = [{ slug: 'handledare', title, minutes: 5, lessons: 1 }];
        expectEscaped(
          pickerPage(courses, {
            action: '/lti/deep-linking',
            token: name,
            lang: 'sv',
            acceptMultiple: true,
            contextTitle: title,
            problem: name,
          }),
        );
        expectEscaped(
          courseChooserPage(courses, {
            action: '/lti/course',
            token: name,
            person: person(name),
            linkTitle: title,
            contextTitle: name,
            problem: title,
          }),
        );
        expectEscaped(courseNotChosenPage(name));
        expectEscaped(registrationDonePage(name, false, title, ''));
      }),
      fuzz,
    );
  });
});
