import { cmi12, cmi2004 } from '@kompetenta/scorm-runtime';
import type { RuntimeCourse, RuntimeQuestion } from '../src/runtimeData';
import { findApi } from './findApi';
import { NoLms, ScormLms } from './Lms';
import { Tracker } from './Tracker';
import { isCorrect, outcome, type Progress } from './progress';
import { moveItem, readAnswer, showFeedback, writeAnswer } from './questionsDom';

const all = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T[] =>
  Array.from(root.querySelectorAll<T>(selector));

const course = JSON.parse(document.getElementById('course-data')?.textContent ?? '{}') as RuntimeCourse;
const questions = new Map<string, RuntimeQuestion>(course.questions.map((q) => [q.id, q]));
const api = findApi(window, course.scormVersion === 'scorm12' ? cmi12.apiName : cmi2004.apiName);
const tracker = new Tracker(api ? new ScormLms(api, course.scormVersion) : new NoLms(), course);
const progress: Progress = tracker.start();

if (!tracker.tracking) {
  const notice = document.getElementById('lms-notice');
  const text = document.getElementById('lms-notice-text') as HTMLTemplateElement | null;
  if (notice && text) notice.appendChild(text.content.cloneNode(true));
}

/** Shows one language everywhere and carries unsaved form input over to it. */
function setLanguage(lang: string, moveFocus: boolean): void {
  const from = progress.lang;
  for (const el of all('[data-lang]')) el.hidden = el.dataset['lang'] !== lang;
  document.documentElement.lang = lang;
  progress.lang = lang;
  if (from !== lang) {
    for (const q of course.questions) {
      const answer = readAnswer(container(q.id, from), q);
      if (answer !== undefined) writeAnswer(container(q.id, lang), q, answer);
    }
    for (const area of all<HTMLTextAreaElement>(`[data-lang="${lang}"] textarea[data-reflection]`)) {
      area.value = progress.reflections.get(area.dataset['reflection'] ?? '') ?? area.value;
    }
  }
  if (moveFocus) all(`[data-lang="${lang}"] [data-switch-lang]`)[0]?.focus();
}

function container(questionId: string, lang: string): HTMLElement {
  return all(`[data-lang="${lang}"] [data-question="${questionId}"]`)[0] ?? document.createElement('div');
}

/** Shows a lesson (or the summary) in every language, marks it visited and saves. */
function show(page: string, moveFocus: boolean): void {
  for (const section of all('section.page')) section.hidden = section.dataset['page'] !== page;
  for (const link of all('nav [data-goto]')) {
    if (link.dataset['goto'] === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (page !== 'summary') progress.visited.add(page);
  for (const mark of all('[data-visited]'))
    mark.hidden = !progress.visited.has(mark.dataset['visited'] ?? '');
  progress.current = page;
  updateSummary();
  const heading = all(`[data-lang="${progress.lang}"] section[data-page="${page}"] h1`)[0];
  const courseTitle = all(`.course-title[data-lang="${progress.lang}"]`)[0]?.textContent ?? '';
  document.title = heading ? `${heading.textContent ?? ''} – ${courseTitle}` : courseTitle;
  tracker.save(progress);
  if (moveFocus) heading?.focus();
}

function fill(template: string, values: Record<string, number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function updateSummary(): void {
  const result = outcome(course, progress);
  const right = course.questions.filter((q) => isCorrect(q, progress.answers.get(q.id))).length;
  const pending = course.questions.length - progress.answers.size;
  for (const section of all('section[data-page="summary"]')) {
    const text = (name: string): string =>
      section.querySelector<HTMLTemplateElement>(`template[data-t="${name}"]`)?.innerHTML ?? '';
    const values = {
      right,
      total: course.questions.length,
      percent: result.percent,
      mastery: course.masteryScore,
      pending,
    };
    const status = result.passed === undefined ? 'pending' : result.passed ? 'passed' : 'failed';
    const out = section.querySelector('[data-result]');
    if (out) out.textContent = `${fill(text('score'), values)} ${fill(text(status), values)}`;
  }
}

function check(button: HTMLElement): void {
  const box = button.closest<HTMLElement>('[data-question]');
  const question = questions.get(box?.dataset['question'] ?? '');
  if (!box || !question) return;
  const answer = readAnswer(box, question);
  if (answer === undefined) return showFeedback(box, question, undefined, 'empty');
  progress.answers.set(question.id, answer);
  tracker.recordAnswer(progress, question, answer);
  restoreQuestion(question);
  updateSummary();
  tracker.save(progress);
}

function restoreQuestion(question: RuntimeQuestion): void {
  const answer = progress.answers.get(question.id);
  if (answer === undefined) return;
  for (const lang of course.languages) {
    writeAnswer(container(question.id, lang), question, answer);
    showFeedback(
      container(question.id, lang),
      question,
      answer,
      isCorrect(question, answer) ? 'correct' : 'incorrect',
    );
  }
}

function finish(): void {
  tracker.finish(progress);
  for (const button of all<HTMLButtonElement>('[data-finish]')) button.disabled = true;
  for (const section of all('section[data-page="summary"]')) {
    const out = section.querySelector('[data-finished]');
    const text = section.querySelector<HTMLTemplateElement>('template[data-finished-text]');
    if (out && text) out.textContent = text.innerHTML;
  }
}

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>(
    '[data-goto], [data-check], [data-move], [data-switch-lang], [data-finish]',
  );
  if (!target) return;
  if (target.dataset['goto']) {
    event.preventDefault();
    show(target.dataset['goto'], true);
  } else if (target.hasAttribute('data-check')) check(target);
  else if (target.dataset['move']) moveItem(target, target.dataset['move'] === 'up' ? 'up' : 'down');
  else if (target.dataset['switchLang']) setLanguage(target.dataset['switchLang'], true);
  else if (target.hasAttribute('data-finish')) finish();
});

// Arrow keys on an ordering button move the item too, for people used to moving things with arrows.
document.addEventListener('keydown', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-move]');
  if (!target || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
  event.preventDefault();
  moveItem(target, event.key === 'ArrowUp' ? 'up' : 'down');
});

document.addEventListener('change', (event) => {
  const area = event.target as HTMLTextAreaElement;
  if (!area.dataset?.['reflection']) return;
  progress.reflections.set(area.dataset['reflection'], area.value);
  tracker.save(progress);
});

window.addEventListener('pagehide', () => tracker.finish(progress));

for (const [id, text] of progress.reflections)
  for (const area of all<HTMLTextAreaElement>(`textarea[data-reflection="${id}"]`)) area.value = text;
for (const question of course.questions) restoreQuestion(question);
setLanguage(progress.lang, false);
show(progress.current, false);
