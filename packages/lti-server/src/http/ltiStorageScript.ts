/**
 * The browser side of LTI platform storage (LTI Client Side postMessages 1.0: `lti.put_data`,
 * `lti.get_data`), served as a file so the pages need no inline script under our CSP. It reads its
 * settings from `#kompetenta-lti-storage`, sends one message to the storage frame
 * (`lti_storage_target`: `_parent` or a named sibling frame) for the platform's origin only,
 * accepts the answer only from that origin with the same message id, and gives up after 3 s.
 * `put` then continues to the platform whatever happened (the cookie may still work); `get` posts
 * the value (empty when there was none) back to the launch.
 */
export const LTI_STORAGE_SCRIPT = `(function () {
  'use strict';
  var element = document.getElementById('kompetenta-lti-storage');
  if (!element) return;
  var config = JSON.parse(element.textContent);
  var messageId = 'kompetenta-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  var finished = false;
  function finish(value) {
    if (finished) return;
    finished = true;
    if (config.mode === 'put') {
      window.location.replace(config.next);
      return;
    }
    var form = document.getElementById('kompetenta-lti-continue');
    form.elements.namedItem('lti_storage_binding').value = typeof value === 'string' ? value : '';
    form.submit();
  }
  function storageFrame() {
    try {
      if (config.target === '_parent') return window.parent;
      return window.parent.frames[config.target] || null;
    } catch (error) {
      return null;
    }
  }
  window.addEventListener('message', function (event) {
    if (event.origin !== config.origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.message_id !== messageId) return;
    if (data.subject !== 'lti.' + config.mode + '_data.response') return;
    finish(data.error ? '' : data.value);
  });
  var frame = storageFrame();
  if (!frame || frame === window) {
    finish('');
    return;
  }
  var message = { subject: 'lti.' + config.mode + '_data', message_id: messageId, key: config.key };
  if (config.mode === 'put') message.value = config.value;
  frame.postMessage(message, config.origin);
  setTimeout(function () { finish(''); }, 3000);
})();
`;
