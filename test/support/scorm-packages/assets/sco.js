/*
 * The run-time of the project's generated SCO pages (test/support/scorm-packages/README.md).
 * Plain ES5, no dependency: it finds the LMS's API by the standard discovery (the window's
 * parents, then the opener's), initialises, shows what it read, and offers buttons a test (or a
 * person) presses to report progress. Every call is logged in #log as "Name(args) = result".
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('sco-config').textContent);
  var is2004 = config.version !== '1.2';
  var startedAt = new Date().getTime();
  var initialized = false;
  var terminated = false;

  /* API discovery as in the SCORM run-time books: up to 500 parents, then the opener's chain. */
  function scanForApi(win) {
    var name = is2004 ? 'API_1484_11' : 'API';
    var tries = 0;
    while (win && tries < 500) {
      try {
        if (win[name]) {
          return win[name];
        }
      } catch (e) {
        /* another origin: keep walking up */
      }
      if (!win.parent || win.parent === win) {
        break;
      }
      win = win.parent;
      tries++;
    }
    return null;
  }

  function findApi() {
    var api = scanForApi(window);
    if (!api && window.opener) {
      api = scanForApi(window.opener);
    }
    return api;
  }

  var API = findApi();
  var $ = function (id) {
    return document.getElementById(id);
  };

  function log(text) {
    var entry = document.createElement('li');
    entry.textContent = text;
    $('log').appendChild(entry);
  }

  function status(text) {
    $('status').textContent = text;
  }

  var names = is2004
    ? {
        initialize: 'Initialize',
        terminate: 'Terminate',
        getValue: 'GetValue',
        setValue: 'SetValue',
        commit: 'Commit',
        lastError: 'GetLastError',
      }
    : {
        initialize: 'LMSInitialize',
        terminate: 'LMSFinish',
        getValue: 'LMSGetValue',
        setValue: 'LMSSetValue',
        commit: 'LMSCommit',
        lastError: 'LMSGetLastError',
      };

  /** Calls the API, logs the call, and answers its result (a string, as SCORM returns). */
  function call(method, args) {
    if (!API) {
      log(method + ': no API');
      return 'false';
    }
    var result = String(API[names[method]].apply(API, args || []));
    var text = names[method] + '(' + (args || []).join(', ') + ') = ' + result;
    if (method !== 'getValue' && method !== 'lastError' && result !== 'true') {
      text += ' [error ' + API[names.lastError]() + ']';
    }
    if (method !== 'getValue') {
      log(text);
    }
    return result;
  }

  var get = function (element) {
    return call('getValue', [element]);
  };
  var set = function (element, value) {
    return call('setValue', [element, String(value)]);
  };

  var el = is2004
    ? {
        location: 'cmi.location',
        entry: 'cmi.entry',
        mode: 'cmi.mode',
        credit: 'cmi.credit',
        learnerName: 'cmi.learner_name',
        exit: 'cmi.exit',
        sessionTime: 'cmi.session_time',
        raw: 'cmi.score.raw',
        min: 'cmi.score.min',
        max: 'cmi.score.max',
      }
    : {
        location: 'cmi.core.lesson_location',
        entry: 'cmi.core.entry',
        mode: 'cmi.core.lesson_mode',
        credit: 'cmi.core.credit',
        learnerName: 'cmi.core.student_name',
        exit: 'cmi.core.exit',
        sessionTime: 'cmi.core.session_time',
        raw: 'cmi.core.score.raw',
        min: 'cmi.core.score.min',
        max: 'cmi.core.score.max',
      };

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function sessionTime() {
    var seconds = Math.max(0, Math.round((new Date().getTime() - startedAt) / 1000));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return is2004 ? 'PT' + h + 'H' + m + 'M' + s + 'S' : pad(h) + ':' + pad(m) + ':' + pad(s);
  }

  function show(field, value) {
    var target = document.querySelector('[data-field="' + field + '"]');
    if (target) {
      target.textContent = value;
    }
  }

  /** Index of the objective with this id in cmi.objectives, added at the end when absent. */
  function objectiveIndex(id) {
    var count = Number(get('cmi.objectives._count')) || 0;
    for (var i = 0; i < count; i++) {
      if (get('cmi.objectives.' + i + '.id') === id) {
        return i;
      }
    }
    set('cmi.objectives.' + count + '.id', id);
    return count;
  }

  function scoreValue() {
    var score = Number($('score').value);
    return isNaN(score) ? 0 : Math.max(0, Math.min(100, score));
  }

  function setScore(score) {
    set(el.min, 0);
    set(el.max, 100);
    set(el.raw, score);
    if (is2004) {
      set('cmi.score.scaled', score / 100);
    }
  }

  var actions = {
    bookmark: function () {
      var value = $('bookmark').value;
      if (set(el.location, value) === 'true') {
        show('location', value);
        status('Bookmark set: ' + value);
      }
    },
    suspendData: function () {
      var value = $('suspend-data').value;
      if (set('cmi.suspend_data', value) === 'true') {
        show('suspend-data', value);
        status('Suspend data saved');
      }
    },
    progress: function () {
      if (set('cmi.progress_measure', $('progress').value) === 'true') {
        status('Progress set: ' + $('progress').value);
      }
    },
    complete: function () {
      set(is2004 ? 'cmi.completion_status' : 'cmi.core.lesson_status', 'completed');
      status('Completed');
    },
    incomplete: function () {
      set(is2004 ? 'cmi.completion_status' : 'cmi.core.lesson_status', 'incomplete');
      status('Incomplete');
    },
    pass: function () {
      var score = scoreValue();
      setScore(score);
      set(is2004 ? 'cmi.success_status' : 'cmi.core.lesson_status', 'passed');
      status('Passed with ' + score);
    },
    fail: function () {
      var score = scoreValue();
      setScore(score);
      set(is2004 ? 'cmi.success_status' : 'cmi.core.lesson_status', 'failed');
      status('Failed with ' + score);
    },
    answers: function () {
      var interactions = config.interactions || [];
      var count = Number(get('cmi.interactions._count')) || 0;
      for (var i = 0; i < interactions.length; i++) {
        var q = interactions[i];
        var n = 'cmi.interactions.' + (count + i) + '.';
        set(n + 'id', q.id);
        set(n + 'type', q.type);
        if (q.objectiveId) {
          set(n + 'objectives.0.id', q.objectiveId);
        }
        set(n + 'correct_responses.0.pattern', q.correct);
        if (is2004) {
          set(n + 'timestamp', new Date().toISOString().replace(/\.\d+Z$/, ''));
          if (q.description) {
            set(n + 'description', q.description);
          }
          set(n + 'learner_response', q.correct);
        } else {
          set(n + 'time', new Date().toTimeString().slice(0, 8));
          set(n + 'student_response', q.correct);
        }
        set(n + 'result', 'correct');
      }
      status('Answers recorded: ' + interactions.length);
    },
    commit: function () {
      set(el.sessionTime, sessionTime());
      call('commit', ['']);
      status('Committed');
    },
    suspend: function () {
      set(el.exit, 'suspend');
      finish('Suspended');
    },
    finish: function () {
      set(el.exit, is2004 ? 'normal' : '');
      finish('Finished');
    },
  };

  function objectiveAction(id, passed) {
    return function () {
      var n = 'cmi.objectives.' + objectiveIndex(id) + '.';
      if (is2004) {
        set(n + 'success_status', passed ? 'passed' : 'failed');
        set(n + 'completion_status', 'completed');
      } else {
        set(n + 'status', passed ? 'passed' : 'failed');
      }
      status('Objective ' + id + (passed ? ' passed' : ' failed'));
    };
  }

  function navigate(request) {
    return function () {
      set('adl.nav.request', request);
      finish('Requested ' + request);
    };
  }

  function finish(message) {
    if (terminated) {
      return;
    }
    set(el.sessionTime, sessionTime());
    terminated = call('terminate', ['']) === 'true';
    status(message);
    document.body.setAttribute('data-state', 'terminated');
  }

  function button(container, label, action) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', action);
    container.appendChild(b);
  }

  function start() {
    if (!API) {
      status('No SCORM API found');
      document.body.setAttribute('data-state', 'no-api');
      return;
    }
    initialized = call('initialize', ['']) === 'true';
    var location = get(el.location);
    var suspendData = get('cmi.suspend_data');
    show('entry', get(el.entry));
    show('mode', get(el.mode));
    show('credit', get(el.credit));
    show('learner', get(el.learnerName));
    show('location', location);
    show('suspend-data', suspendData);
    show('launch-data', get('cmi.launch_data'));
    if (is2004) {
      show('completion-threshold', get('cmi.completion_threshold'));
    }
    $('bookmark').value = location;
    $('suspend-data').value = suspendData;
    var objectives = $('objectives');
    (config.objectives || []).forEach(function (id) {
      button(objectives, 'Pass objective ' + id, objectiveAction(id, true));
      button(objectives, 'Fail objective ' + id, objectiveAction(id, false));
    });
    if (is2004) {
      var nav = $('navigation');
      button(nav, 'Continue', navigate('continue'));
      button(nav, 'Previous', navigate('previous'));
    }
    status(initialized ? 'Ready' : 'Initialize failed');
    document.body.setAttribute('data-state', initialized ? 'ready' : 'failed');
  }

  var buttons = document.querySelectorAll('button[data-action]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', actions[buttons[i].getAttribute('data-action')]);
  }
  // A page left without Finish still ends its session, as real content does.
  window.addEventListener('pagehide', function () {
    if (initialized && !terminated) {
      finish('Left');
    }
  });
  window.scoPage = { api: API, call: call, get: get, set: set };
  start();
})();
