// Callbacks passed to page.evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import type { Frame, Page } from 'playwright-core';
import type { RuntimeCourse } from '@kompetenta/course-builder';

type RuntimeQuestion = RuntimeCourse['questions'][number];

/** One logged call of the stand-in LMS. */
export interface LoggedCall {
  readonly method: string;
  readonly args: string[];
  readonly result: string;
  readonly error: string;
}

interface HarnessWindow {
  harness: {
    calls: LoggedCall[];
    cmi(): { cmi: Record<string, unknown> };
    savedCmi(): unknown;
    launch(saved?: unknown): void;
    unload(): void;
  };
}

export const initializeNames = ['LMSInitialize', 'Initialize'];
export const terminateNames = ['LMSFinish', 'Terminate'];

/** Waits until the course in the iframe has called Initialize and shown its first page. */
export async function courseFrame(page: Page): Promise<Frame> {
  await page.waitForFunction(
    (names) => (window as unknown as HarnessWindow).harness.calls.some((c) => names.includes(c.method)),
    initializeNames,
  );
  const frame = page.frames().find((f) => f.url().includes('/course/index.html'));
  if (!frame) throw new Error('course frame not found');
  await frame.waitForSelector('section.page:not([hidden]) h1');
  return frame;
}

export function calls(page: Page): Promise<LoggedCall[]> {
  return page.evaluate(() => (window as unknown as HarnessWindow).harness.calls);
}

export async function cmi(page: Page): Promise<Record<string, unknown>> {
  return (await page.evaluate(() => (window as unknown as HarnessWindow).harness.cmi())).cmi;
}

/** Waits for Terminate/LMSFinish to be the last call. */
export async function waitForTerminate(page: Page): Promise<void> {
  await page.waitForFunction((names) => {
    const log = (window as unknown as HarnessWindow).harness.calls;
    return log.length > 0 && names.includes(log[log.length - 1]?.method ?? '');
  }, terminateNames);
}

export function courseData(frame: Frame): Promise<RuntimeCourse> {
  return frame.evaluate(
    () => JSON.parse(document.getElementById('course-data')?.textContent ?? '{}') as RuntimeCourse,
  );
}

/** Shows a page of the course through its navigation menu and waits until it is visible. */
export async function goTo(frame: Frame, page: string, lang = 'sv'): Promise<void> {
  await frame.click(`nav[data-lang="${lang}"] [data-goto="${page}"]`);
  await frame.waitForSelector(`[data-lang="${lang}"] section[data-page="${page}"]:not([hidden])`);
}

/** The ids of a question's items in the order they stand now. */
function order(frame: Frame, box: string): Promise<(string | null)[]> {
  return frame.$$eval(`${box} li[data-item]`, (lis) => lis.map((li) => li.getAttribute('data-item')));
}

/** Answers one question with the mouse, rightly or wrongly, and checks it. */
export async function answer(frame: Frame, q: RuntimeQuestion, right: boolean, lang = 'sv'): Promise<void> {
  const box = `[data-lang="${lang}"] [data-question="${q.id}"]`;
  if (q.type === 'single' || q.type === 'multiple') {
    const wrong = q.answerIds.find((id) => !q.correctIds.includes(id));
    // With every option correct, a wrong answer is choosing only some of them.
    const chosen = right ? q.correctIds : wrong ? [wrong] : q.correctIds.slice(0, 1);
    for (const id of chosen) await frame.check(`${box} input[value="${id}"]`);
  } else if (q.type === 'truefalse') {
    await frame.check(`${box} input[value="${String(right ? q.answer : !q.answer)}"]`);
  } else if (q.type === 'ordering') {
    for (let target = 0; right && target < q.answerIds.length; target++) {
      const id = q.answerIds[target] ?? '';
      while ((await order(frame, box)).indexOf(id) > target)
        await frame.click(`${box} li[data-item="${id}"] [data-move="up"]`);
    }
    // The shuffled order may happen to be the right one: then a wrong answer moves the first item down.
    if (!right && (await order(frame, box)).join() === q.answerIds.join())
      await frame.click(`${box} li[data-item="${q.answerIds[0] ?? ''}"] [data-move="down"]`);
  } else if (q.type === 'matching') {
    for (const [index, id] of q.answerIds.entries()) {
      const value = right ? id : (q.answerIds[(index + 1) % q.answerIds.length] ?? '');
      await frame.selectOption(`${box} select[data-pair="${id}"]`, value);
    }
  }
  await frame.click(`${box} [data-check]`);
  await frame.waitForSelector(`${box} [data-verdict="${right ? 'correct' : 'incorrect'}"]:not([hidden])`);
}

/** Whether the question's form shows exactly the right answer (after a relaunch, say). */
export async function showsRightAnswer(frame: Frame, q: RuntimeQuestion, lang = 'sv'): Promise<boolean> {
  const box = `[data-lang="${lang}"] [data-question="${q.id}"]`;
  if (q.type === 'ordering') return (await order(frame, box)).join() === q.answerIds.join();
  if (q.type === 'matching') {
    const values = await frame.$$eval(`${box} select[data-pair]`, (selects) =>
      selects.map((s) => [s.getAttribute('data-pair'), (s as HTMLSelectElement).value]),
    );
    return values.every(([pair, value]) => pair === value) && values.length === q.answerIds.length;
  }
  const checked = await frame.$$eval(`${box} input:checked`, (inputs) =>
    inputs.map((i) => (i as HTMLInputElement).value),
  );
  const wanted = q.type === 'truefalse' ? [String(q.answer)] : q.correctIds;
  return checked.join() === wanted.join();
}

/** Goes through every lesson, answering every question (right or wrong), then finishes on the summary page. */
export async function playThrough(
  page: Page,
  frame: Frame,
  right: boolean | ((q: RuntimeQuestion, index: number) => boolean),
): Promise<RuntimeCourse> {
  const course = await courseData(frame);
  const indexOf = new Map(course.questions.map((q, index) => [q.id, index]));
  for (const lesson of course.lessons) {
    await goTo(frame, lesson.id);
    for (const q of course.questions.filter((x) => x.lesson === lesson.id)) {
      await answer(frame, q, typeof right === 'function' ? right(q, indexOf.get(q.id) ?? -1) : right);
    }
  }
  await goTo(frame, 'summary');
  await frame.click('[data-lang="sv"] [data-finish]');
  await waitForTerminate(page);
  return course;
}
