import { html, page } from './layout';

/** A learner opened a link whose teacher has not chosen a course yet: say so plainly. */
export function courseNotChosenPage(name: string | null): string {
  const main = html`<p>Din lärare har inte valt kurs än.</p>
    <section aria-labelledby="gora-rubrik">
      <h2 id="gora-rubrik">Vad kan jag göra?</h2>
      <p>
        Försök igen senare, eller fråga din lärare. När läraren har valt kurs öppnas den här när du klickar på
        länken.
      </p>
    </section>`;
  return page('Kursen är inte vald än', 'Kursen är inte vald än', main, name ?? undefined);
}
