/** Commit `seq` of `commitsEach` by a learner: what scorm-again sends in the middle of a 10-lesson course. */
export function payload(
  learner: number,
  seq: number,
  commitsEach: number,
): { seq: number; cmi: Record<string, string> } {
  const lesson = Math.min(10, seq);
  const last = seq === commitsEach;
  const cmi: Record<string, string> = {
    'cmi.completion_status': last ? 'completed' : 'incomplete',
    'cmi.success_status': last ? 'passed' : 'unknown',
    'cmi.exit': last ? 'normal' : 'suspend',
    'cmi.location': `lesson-${lesson}`,
    'cmi.progress_measure': String(Math.min(1, seq / commitsEach)),
    'cmi.session_time': `PT${seq * 2}M${learner % 60}S`,
    'cmi.suspend_data': JSON.stringify({
      visited: Array.from({ length: lesson }, (_, i) => `h${i + 1}`),
      answers: Object.fromEntries(Array.from({ length: lesson * 3 }, (_, i) => [`q${i}`, (i + learner) % 4])),
      notes: 'Anteckningar om handledarsamtalet '.repeat(8),
    }),
  };
  if (last) {
    cmi['cmi.score.scaled'] = '0.85';
    cmi['cmi.score.raw'] = '85';
    cmi['cmi.score.min'] = '0';
    cmi['cmi.score.max'] = '100';
  }
  for (let i = 0; i < Math.min(seq, 6); i += 1) {
    cmi[`cmi.interactions.${i}.id`] = `fraga-${i + 1}`;
    cmi[`cmi.interactions.${i}.type`] = 'choice';
    cmi[`cmi.interactions.${i}.learner_response`] = String((i + learner) % 4);
    cmi[`cmi.interactions.${i}.result`] = i % 3 === 0 ? 'incorrect' : 'correct';
    cmi[`cmi.interactions.${i}.timestamp`] = '2026-11-28T09:00:00';
  }
  return { seq, cmi };
}
