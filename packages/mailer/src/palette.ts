/**
 * The only colours the e-mails use, as inline styles (many mail programs drop `<style>`). Every
 * text colour meets WCAG 2.1 AA (4.5:1) on its background; a unit test checks the ratios. The mail
 * reads the same without them: links are underlined and the "button" is an ordinary link.
 */
export const palette = {
  background: '#ffffff',
  text: '#1f1f1f',
  muted: '#4a4a4a',
  link: '#0b57a4',
  button: '#0b57a4',
  buttonText: '#ffffff',
  /** Rules and table borders are decoration; 3:1 keeps them visible (WCAG 1.4.11). */
  rule: '#6b6b6b',
} as const;
