/**
 * The dashboard's only script, served from /assets/dashboard.js (the CSP forbids inline script).
 * Progressive enhancement only: every page works without it. It
 *  - shows the Copy buttons (hidden without script, where they could not work) and copies on click;
 *  - asks before submitting a form marked `data-confirm` (revoking a token);
 *  - fills `data-fill-timezone` inputs with the browser's time zone (a new Gmail account's day;
 *    without script the server uses UTC);
 *  - moves focus to an error summary so screen readers read it first.
 */
export const DASHBOARD_JS = `'use strict';
(function () {
  function copyFrom(input) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(input.value);
    input.select();
    return document.execCommand('copy') ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute('data-copy-target'));
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (!input) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      copyFrom(input).then(
        function () { if (status) status.textContent = 'Copied to the clipboard.'; },
        function () { input.select(); if (status) status.textContent = 'Could not copy: the token is selected, press Ctrl+C or Cmd+C.'; }
      );
    });
  });

  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });

  var timeZone = '';
  try { timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { /* old browser: the server uses UTC */ }
  document.querySelectorAll('input[data-fill-timezone]').forEach(function (input) {
    if (!input.value) input.value = timeZone;
  });

  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
})();
`;
