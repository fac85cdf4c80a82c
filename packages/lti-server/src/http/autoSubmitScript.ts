/**
 * Submits every `form[data-auto-submit]` of the page at once: the Deep Linking response goes back
 * to the LMS without a click. A file, not inline script, because the LTI pages' CSP allows only
 * `script-src 'self'`; without script the form's button does the same.
 */
export const AUTO_SUBMIT_SCRIPT = `(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-auto-submit]');
  for (var i = 0; i < forms.length; i += 1) forms[i].submit();
})();
`;
