import { html } from '../pages/layout';
import { checkinDocument } from './checkinPage';
import type { CheckinLanguage } from './checkinText';

export type CheckinRefusal = 'invalid' | 'expired' | 'notYetOpen' | 'csrf' | 'rateLimited';

const REFUSALS: Readonly<Record<CheckinLanguage, Record<CheckinRefusal, { title: string; text: string }>>> = {
  sv: {
    invalid: {
      title: 'Länken fungerar inte',
      text: 'Länken till anmälan är inte giltig. Kontrollera att du har skannat rätt QR-kod eller fått hela länken, eller fråga den som håller i träffen.',
    },
    expired: {
      title: 'Länken har gått ut',
      text: 'Länken till anmälan gäller inte längre. Fråga den som håller i träffen efter en ny länk eller QR-kod.',
    },
    notYetOpen: {
      title: 'Anmälan har inte öppnat än',
      text: 'Länken fungerar från en timme innan träffen börjar. Spara inbjudan och öppna länken igen när du är på plats.',
    },
    csrf: {
      title: 'Sidan hann bli för gammal',
      text: 'Vi kunde inte ta emot formuläret. Öppna länken eller QR-koden igen och fyll i formuläret en gång till.',
    },
    rateLimited: {
      title: 'För många anmälningar',
      text: 'Vi har tagit emot många anmälningar från samma nätverk på kort tid. Vänta några minuter och försök igen.',
    },
  },
  en: {
    invalid: {
      title: 'The link does not work',
      text: 'The check-in link is not valid. Check that you scanned the right QR code or have the whole link, or ask the person running the event.',
    },
    expired: {
      title: 'The link has expired',
      text: 'The check-in link is no longer valid. Ask the person running the event for a new link or QR code.',
    },
    notYetOpen: {
      title: 'Check-in has not opened yet',
      text: 'The link works from one hour before the event starts. Keep the invitation and open the link again when you are there.',
    },
    csrf: {
      title: 'The page had become too old',
      text: 'We could not accept the form. Open the link or QR code again and fill in the form once more.',
    },
    rateLimited: {
      title: 'Too many check-ins',
      text: 'We have received many check-ins from the same network in a short time. Wait a few minutes and try again.',
    },
  },
};

/** The page a refused check-in gets: what happened and what to do; nothing was stored. */
export function checkinRefusalPage(language: CheckinLanguage, refusal: CheckinRefusal): string {
  const { title, text } = REFUSALS[language][refusal];
  return checkinDocument(language, title, html`<p>${text}</p>`);
}
