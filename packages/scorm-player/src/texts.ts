import type { PlayerLang } from './config';
import type { PlayerProgress } from './progress';

/** Every text the player frame shows, Swedish first. Used by the server page and the bundle. */
export interface PlayerTexts {
  readonly skipToCourse: string;
  /** The `title` of the iframe the course plays in, given the course title. */
  readonly courseFrameTitle: (courseTitle: string) => string;
  readonly progressLabel: string;
  readonly exit: string;
  readonly exiting: string;
  readonly closeWindowHeading: string;
  readonly closeWindowText: string;
  readonly noScript: string;
  readonly saving: string;
  readonly saved: string;
  readonly offline: string;
  readonly sessionExpired: string;
  readonly notSaved: string;
  readonly brokenPage: string;
  readonly unsavedLeave: string;
  /** The progress line next to the progress bar: lessons done of the total, and passed or completed. */
  readonly progress: (progress: PlayerProgress) => string;
}

const sv: PlayerTexts = {
  skipToCourse: 'Hoppa till kursen',
  courseFrameTitle: (title) => `Kursen ${title}`,
  progressLabel: 'Framsteg',
  exit: 'Avsluta',
  exiting: 'Sparar och avslutar …',
  closeWindowHeading: 'Du kan stänga fönstret',
  closeWindowText:
    'Allt du har gjort är sparat. Du kan fortsätta där du slutade nästa gång du öppnar kursen.',
  noScript: 'Kursen behöver JavaScript. Slå på JavaScript i webbläsaren och ladda om sidan.',
  saving: 'Sparar …',
  saved: 'Sparat.',
  offline:
    'Vi kan inte spara just nu. Vi försöker igen automatiskt. Stäng inte fönstret förrän det står att allt är sparat.',
  sessionExpired:
    'Din session har gått ut, så vi kan inte spara längre. Öppna kursen igen från din lärplattform.',
  notSaved:
    'Något gick fel när vi sparade. Öppna kursen igen från din lärplattform. Kontakta supporten om felet finns kvar.',
  brokenPage: 'Kursen kunde inte starta. Ladda om sidan. Kontakta supporten om felet finns kvar.',
  unsavedLeave: 'Allt är inte sparat än. Vill du ändå lämna sidan?',
  progress: (p) => {
    const lessons = p.lessonsTotal > 0 ? `${p.lessonsDone} av ${p.lessonsTotal} lektioner klara` : '';
    const status =
      p.success === 'passed'
        ? 'Godkänd'
        : p.success === 'failed'
          ? 'Inte godkänd än'
          : p.completion === 'completed'
            ? 'Kursen är klar'
            : '';
    return [lessons, status].filter(Boolean).join('. ') || 'Inte påbörjad';
  },
};

const en: PlayerTexts = {
  skipToCourse: 'Skip to the course',
  courseFrameTitle: (title) => `Course ${title}`,
  progressLabel: 'Progress',
  exit: 'Exit',
  exiting: 'Saving and exiting …',
  closeWindowHeading: 'You can close the window',
  closeWindowText:
    'Everything you did is saved. You can continue where you left off the next time you open the course.',
  noScript: 'The course needs JavaScript. Turn on JavaScript in your browser and reload the page.',
  saving: 'Saving …',
  saved: 'Saved.',
  offline:
    'We cannot save right now. We will keep trying. Do not close the window until it says that everything is saved.',
  sessionExpired:
    'Your session has expired, so we cannot save any more. Open the course again from your learning platform.',
  notSaved:
    'Something went wrong while saving. Open the course again from your learning platform. Contact support if it happens again.',
  brokenPage: 'The course could not start. Reload the page. Contact support if it happens again.',
  unsavedLeave: 'Not everything is saved yet. Leave the page anyway?',
  progress: (p) => {
    const lessons = p.lessonsTotal > 0 ? `${p.lessonsDone} of ${p.lessonsTotal} lessons done` : '';
    const status =
      p.success === 'passed'
        ? 'Passed'
        : p.success === 'failed'
          ? 'Not passed yet'
          : p.completion === 'completed'
            ? 'Course completed'
            : '';
    return [lessons, status].filter(Boolean).join('. ') || 'Not started';
  },
};

/** The player's texts in a language. */
export function playerTexts(lang: PlayerLang): PlayerTexts {
  return lang === 'en' ? en : sv;
}
