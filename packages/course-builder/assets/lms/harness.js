/* Stand-in LMS for previews and browser tests: scorm-again provides the API, every call is logged
 * with its result and error code, and the data model is shown live.
 * Query: ?version=scorm12|scorm2004&launch=<url of index.html>[&manual=1]
 * With manual=1 the page waits for window.harness.launch(savedCmi) (used by tests to relaunch). */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var version = params.get('version') === 'scorm12' ? 'scorm12' : 'scorm2004';
  var names =
    version === 'scorm12'
      ? {
          api: 'API',
          error: 'LMSGetLastError',
          methods: [
            'LMSInitialize',
            'LMSFinish',
            'LMSGetValue',
            'LMSSetValue',
            'LMSCommit',
            'LMSGetLastError',
            'LMSGetErrorString',
            'LMSGetDiagnostic',
          ],
        }
      : {
          api: 'API_1484_11',
          error: 'GetLastError',
          methods: [
            'Initialize',
            'Terminate',
            'GetValue',
            'SetValue',
            'Commit',
            'GetLastError',
            'GetErrorString',
            'GetDiagnostic',
          ],
        };
  var calls = [];
  var api = null;
  document.getElementById('version').textContent = version;

  function render() {
    var list = document.getElementById('calls');
    var last = calls[calls.length - 1];
    if (last) {
      var li = document.createElement('li');
      li.textContent =
        last.method +
        '(' +
        last.args.map(JSON.stringify).join(', ') +
        ') → ' +
        JSON.stringify(last.result) +
        (last.error !== '0' ? ' [error ' + last.error + ']' : '');
      if (last.error !== '0') li.className = 'error';
      list.appendChild(li);
      list.scrollTop = list.scrollHeight;
    }
    document.getElementById('cmi').textContent = JSON.stringify(api.renderCMIToJSONObject(), null, 2);
  }

  function launch(saved) {
    calls.length = 0;
    document.getElementById('calls').textContent = '';
    api =
      version === 'scorm12'
        ? new window.Scorm12API({ logLevel: 5, autocommit: false })
        : new window.Scorm2004API({ logLevel: 5, autocommit: false });
    if (saved) api.loadFromJSON(saved);
    var wrapper = {};
    names.methods.forEach(function (method) {
      wrapper[method] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = api[method].apply(api, args);
        var logged = method.indexOf('Error') < 0 && method.indexOf('Diagnostic') < 0;
        if (logged) {
          calls.push({ method: method, args: args, result: result, error: String(api[names.error]()) });
          render();
        }
        return result;
      };
    });
    window[names.api] = wrapper;
    document.getElementById('sco').src = params.get('launch') || 'course/index.html';
  }

  /** The data an LMS keeps after the session, ready for a relaunch (entry = resume after suspend). */
  function savedCmi() {
    var cmi = JSON.parse(JSON.stringify(api.renderCMIToJSONObject())).cmi;
    if (version === 'scorm12') {
      if (cmi.core.exit === 'suspend') cmi.core.entry = 'resume';
      delete cmi.core.exit;
      delete cmi.core.session_time;
    } else {
      if (cmi.exit === 'suspend') cmi.entry = 'resume';
      delete cmi.exit;
      delete cmi.session_time;
    }
    return cmi;
  }

  window.harness = {
    version: version,
    calls: calls,
    launch: launch,
    savedCmi: savedCmi,
    cmi: function () {
      return api.renderCMIToJSONObject();
    },
    unload: function () {
      document.getElementById('sco').src = 'about:blank';
    },
  };
  if (params.get('manual') !== '1') launch();
})();
