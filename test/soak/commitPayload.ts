/**
 * Commit `seq` of `total` of a SCORM 2004 learner, as scorm-again sends it through a course:
 * bookmark, suspend data and progress growing, a few interactions, and on the last commit
 * completion with a passed score.
 */
export function scorm2004Commit(
  learner: number,
  seq: number,
  total: number,
): { seq: number; cmi: Record<string, string> } {
  const last = seq >= total;
  const cmi: Record<string, string> = {
    'cmi.completion_status': last ? 'completed' : 'incomplete',
    'cmi.success_status': last ? 'passed' : 'unknown',
    'cmi.exit': last ? 'normal' : 'suspend',
    'cmi.location': `lesson-${seq}`,
    'cmi.progress_measure': String(Math.min(1, seq / total)),
    'cmi.session_time': `PT${seq}M${learner % 60}S`,
    'cmi.suspend_data': JSON.stringify({
      visited: Array.from({ length: seq }, (_, i) => `h${i + 1}`),
      answers: Object.fromEntries(Array.from({ length: seq * 2 }, (_, i) => [`q${i}`, (i + learner) % 4])),
    }),
  };
  if (last) {
    cmi['cmi.score.scaled'] = '0.85';
    cmi['cmi.score.raw'] = '85';
    cmi['cmi.score.min'] = '0';
    cmi['cmi.score.max'] = '100';
  }
  for (let i = 0; i < Math.min(seq, 4); i += 1) {
    cmi[`cmi.interactions.${i}.id`] = `fraga-${i + 1}`;
    cmi[`cmi.interactions.${i}.type`] = 'choice';
    cmi[`cmi.interactions.${i}.learner_response`] = String((i + learner) % 4);
    cmi[`cmi.interactions.${i}.result`] = i % 3 === 0 ? 'incorrect' : 'correct';
  }
  return { seq, cmi };
}
