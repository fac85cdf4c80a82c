import type { RuntimeQuestion } from '../src/runtimeData';
import type { Answer } from './progress';

function inputs(container: HTMLElement): HTMLInputElement[] {
  return Array.from(container.querySelectorAll<HTMLInputElement>('input'));
}

function selects(container: HTMLElement): HTMLSelectElement[] {
  return Array.from(container.querySelectorAll<HTMLSelectElement>('select[data-pair]'));
}

function items(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('li[data-item]'));
}

/** Reads the learner's answer from a question's form; undefined when nothing is chosen yet. */
export function readAnswer(container: HTMLElement, question: RuntimeQuestion): Answer | undefined {
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const chosen = inputs(container)
        .filter((i) => i.checked)
        .map((i) => i.value);
      return chosen.length > 0 ? chosen : undefined;
    }
    case 'truefalse': {
      const chosen = inputs(container).find((i) => i.checked);
      return chosen ? chosen.value === 'true' : undefined;
    }
    case 'ordering':
      return items(container).map((li) => li.dataset['item'] ?? '');
    case 'matching': {
      const pairs: Record<string, string> = {};
      for (const select of selects(container))
        if (select.value) pairs[select.dataset['pair'] ?? ''] = select.value;
      return Object.keys(pairs).length > 0 ? pairs : undefined;
    }
  }
}

/** Shows an answer in a question's form (restore after relaunch, or the other language's copy). */
export function writeAnswer(container: HTMLElement, question: RuntimeQuestion, answer: Answer): void {
  switch (question.type) {
    case 'single':
    case 'multiple':
      for (const input of inputs(container))
        input.checked = Array.isArray(answer) && answer.includes(input.value);
      return;
    case 'truefalse':
      for (const input of inputs(container))
        input.checked = input.value === (answer === true ? 'true' : 'false');
      return;
    case 'ordering': {
      const list = container.querySelector('ol');
      const byId = new Map(items(container).map((li) => [li.dataset['item'], li]));
      if (!list || !Array.isArray(answer)) return;
      for (const id of answer as readonly string[]) {
        const li = byId.get(id);
        if (li) list.appendChild(li);
      }
      return;
    }
    case 'matching':
      for (const select of selects(container)) {
        const pairs =
          typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, string>) : {};
        select.value = pairs[select.dataset['pair'] ?? ''] ?? '';
      }
      return;
  }
}

/** Shows the verdict and the feedback that explains it; 'empty' asks for an answer first. */
export function showFeedback(
  container: HTMLElement,
  question: RuntimeQuestion,
  answer: Answer | undefined,
  verdict: 'correct' | 'incorrect' | 'empty',
): void {
  const wanted = new Set<string>();
  if (answer !== undefined) {
    if (question.type === 'single' || question.type === 'multiple')
      (answer as string[]).forEach((id) => wanted.add(id));
    else if (question.type === 'truefalse') wanted.add(answer === true ? 'true' : 'false');
    else wanted.add(verdict);
  }
  for (const p of Array.from(container.querySelectorAll<HTMLElement>('[data-verdict]')))
    p.hidden = p.dataset['verdict'] !== verdict;
  for (const p of Array.from(container.querySelectorAll<HTMLElement>('[data-feedback]')))
    p.hidden = !wanted.has(p.dataset['feedback'] ?? '');
}

/** Moves an ordering item one place up or down, keeps focus on the button and announces the new place. */
export function moveItem(button: HTMLElement, direction: 'up' | 'down'): void {
  const li = button.closest<HTMLElement>('li[data-item]');
  const list = li?.parentElement;
  if (!li || !list) return;
  if (direction === 'up' && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
  if (direction === 'down' && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
  button.focus();
  const all = Array.from(list.children);
  const status = list.parentElement?.querySelector<HTMLElement>('[data-move-status]');
  const text = li.querySelector('.item-text')?.textContent ?? '';
  if (status) status.textContent = `${text}: ${all.indexOf(li) + 1} / ${all.length}`;
}
