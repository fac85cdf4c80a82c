import type { OutboxMessage } from '@kompetenta/core';
import { csrfField } from '../../http/csrf';
import { html, type Html } from '../../pages/layout';
import type { DashboardLang } from '../dashboardText';
import type { GradeSubject } from './failedMessages';
import { OUTBOX_TEXT } from './outboxText';
import { dashboardTable } from '../dashboardTable';

/** What a message is about: for a grade its course, learner and platform; never an e-mail's content. */
function aboutOf(message: OutboxMessage, lang: DashboardLang, names: OutboxNames) {
  const text = OUTBOX_TEXT[lang];
  const payload = message.payload;
  if (message.topic === 'grade') {
    const parts: string[] = [];
    const subject = typeof payload.attemptId === 'string' ? names.grades.get(payload.attemptId) : undefined;
    if (subject) parts.push(text.course(subject.course));
    if (subject?.learner) parts.push(text.learner(subject.learner));
    if (typeof payload.attemptId === 'string') parts.push(text.attempt(payload.attemptId));
    const platform =
      typeof payload.platformId === 'string' ? names.platforms.get(payload.platformId) : undefined;
    if (platform) parts.push(text.platform(platform));
    return parts.join(', ') || message.idempotencyKey;
  }
  return typeof payload.template === 'string' ? text.template(payload.template) : message.idempotencyKey;
}

/** Names that make a grade recognisable: platforms by id, course and learner by attempt id. */
export interface OutboxNames {
  readonly platforms: ReadonlyMap<string, string>;
  readonly grades: ReadonlyMap<string, GradeSubject>;
}

/**
 * The failed messages as one table with a row header per message and a "try again" form per row
 * whose button names its message for screen readers.
 */
export function outboxMain(
  base: string,
  messages: readonly OutboxMessage[],
  lang: DashboardLang,
  csrf: string,
  names: OutboxNames,
  requeued: number | null,
): Html {
  const text = OUTBOX_TEXT[lang];
  const notice =
    requeued === null ? html`` : html`<p class="notice" role="status">${text.requeued(requeued)}</p>`;
  if (messages.length === 0)
    return html`${notice}
      <p>${text.none}</p>`;
  const action = (id: number) => `${base}/dashboard/outbox/${id}/retry${lang === 'en' ? '?lang=en' : ''}`;
  const rows = messages.map(
    (message) =>
      html`<tr>
        <th scope="row">${message.topic === 'grade' ? text.grade : text.mail} ${message.id}</th>
        <td>
          <time datetime="${message.createdAt.toISOString()}"
            >${message.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</time
          >
        </td>
        <td>${message.tries}</td>
        <td>${aboutOf(message, lang, names)}</td>
        <td>${message.lastError ?? '–'}</td>
        <td>
          <form method="post" action="${action(message.id)}">
            ${csrfField(csrf)}
            <button type="submit" aria-label="${text.retryLabel(message.id)}">${text.retry}</button>
          </form>
        </td>
      </tr>`,
  );
  return html`${notice}
    <p>${text.intro}</p>
    <figure>
      ${dashboardTable({
        caption: text.caption,
        columns: [text.topic, text.created, text.tries, text.about, text.lastError, text.action],
        rows,
      })}
    </figure>`;
}
