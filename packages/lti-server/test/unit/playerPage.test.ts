import { parsePlayerConfig, playerElementIds } from '@kompetenta/scorm-player';
import { expect } from 'chai';
import { playerPage, scriptSafeJson, type PlayerPageConfig } from '../../src/pages/playerPage';

function config(overrides: Partial<PlayerPageConfig> = {}): PlayerPageConfig {
  return {
    lang: 'sv',
    scormVersion: '2004',
    attemptId: 'a1',
    contentUrl: '/content/exempel/1.0.0/2004/index.html',
    commitUrl: '/api/attempts/a1/commit?token=t.o.k',
    initialCmi: { 'cmi.location': 'lesson-2', 'cmi.entry': 'resume' },
    nextSeq: 8,
    course: {
      title: 'Handledarutbildning',
      lessons: [
        { id: 'l1', title: 'Ett', minutes: 10 },
        { id: 'l2', title: 'Två', minutes: 10 },
      ],
    },
    exitUrl: null,
    ...overrides,
  };
}

/** The embedded configuration as the bundle reads it (JSON.parse of the script's text). */
function embedded(page: string): unknown {
  const match = new RegExp(
    `<script type="application/json" id="${playerElementIds.config}">([^<]*)</script>`,
  ).exec(page);
  if (!match?.[1]) throw new Error('no config script');
  return JSON.parse(match[1]);
}

describe('playerPage', () => {
  it('embeds the config so that the player reads back exactly what the server gave', () => {
    const input = config();
    const result = parsePlayerConfig(embedded(playerPage(input)));
    expect(result).to.deep.equal({ ok: true, config: input });
  });

  it('keeps a hostile course title as text: no tag, script or entity escapes the JSON or the markup', () => {
    const title = '</script><script>alert(1)</script><!-- & "quoted" \u2028';
    const page = playerPage(config({ course: { title, lessons: [] } }));
    expect(page).not.to.include('<script>alert(1)');
    expect(page).not.to.include('</script><script>');
    expect(page.match(/<script/g)).to.have.length(2);
    const read = parsePlayerConfig(embedded(page));
    expect(read.ok && read.config.course.title).to.equal(title);
    expect(page).to.include('<h1>&#60;/script&#62;&#60;script&#62;alert(1)');
  });

  it('shows whose progress is saved, escaped, and keeps the name out of the bundle config', () => {
    const page = playerPage(config({ learnerName: 'Lina <b>Deltagare</b>' }));
    expect(page).to.include('Inloggad som Lina &#60;b&#62;Deltagare&#60;/b&#62;');
    expect(JSON.stringify(embedded(page))).not.to.include('Deltagare');
    expect(playerPage(config({ lang: 'en', learnerName: 'Lina' }))).to.include('Signed in as Lina');
  });

  it('escapes <, >, &, U+2028 and U+2029 in script JSON', () => {
    expect(scriptSafeJson({ a: '<>&\u2028\u2029' })).to.equal('{"a":"\\u003c\\u003e\\u0026\\u2028\\u2029"}');
  });

  it('speaks Swedish with lang="sv" and English with lang="en"', () => {
    const sv = playerPage(config());
    expect(sv).to.include('<html lang="sv">');
    expect(sv).to.include('>Avsluta</button>');
    expect(sv).to.include('Hoppa till kursen');
    expect(sv).to.include('title="Kursen Handledarutbildning"');
    const en = playerPage(config({ lang: 'en' }));
    expect(en).to.include('<html lang="en">');
    expect(en).to.include('>Exit</button>');
    expect(en).to.include('Skip to the course');
    expect(en).to.include('0 of 2 lessons done');
  });

  it('shows the saved progress before the script runs', () => {
    const page = playerPage(
      config({
        initialCmi: {
          'cmi.objectives.0.completion_status': 'completed',
          'cmi.objectives.1.completion_status': 'incomplete',
          'cmi.success_status': 'unknown',
        },
      }),
    );
    expect(page).to.match(/<progress[^>]*max="2"[^>]*value="1"/);
    expect(page).to.include('1 av 2 lektioner klara');
  });

  it('loads the bundle from /play/assets with defer, has a labelled progress bar, a status region and a titled frame', () => {
    const page = playerPage(config());
    expect(page).to.include('<script src="/play/assets/player.js" defer></script>');
    expect(page).to.include(`<label for="${playerElementIds.progress}">Framsteg</label>`);
    expect(page).to.match(/role="status" aria-live="polite"/);
    expect(page).to.match(/<iframe id="kp-frame" title="[^"]+"/);
    expect(page).to.include('<meta name="referrer" content="same-origin" />');
  });
});
