/*
 * Jemput's additions to Decap CMS: the Indonesian words of its interface, the announcements'
 * file format (Pelican's "Key: value" header above Markdown), and two fields the strict loader
 * reads in its own form: opening hours ("08:00-14:00", two time pickers) and region codes
 * (typed, with the official province and regency names as suggestions).
 * Decap starts only after these are registered (CMS_MANUAL_INIT in index.html).
 */
(function () {
  'use strict';
  var CMS = window.CMS, h = window.h, createClass = window.createClass;

  var HEADER_ORDER = ['title', 'date', 'modified', 'slug', 'events', 'summary', 'status'];
  var HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*):\s?(.*)$/;

  function headerName(key) {
    return key.charAt(0).toUpperCase() + key.slice(1);
  }

  // Pelican's Markdown header: "Key: value" lines (an indented line continues the one above),
  // a blank line, then the text. Keys are read in lower case, as Pelican does.
  var pelicanMarkdown = {
    fromFile: function (content) {
      var lines = content.replace(/\r\n/g, '\n').split('\n');
      var data = {}, last = null, i = 0;
      for (; i < lines.length; i++) {
        var line = lines[i];
        if (line.trim() === '') break;
        var match = HEADER_LINE.exec(line);
        if (match) {
          last = match[1].toLowerCase();
          data[last] = match[2].trim();
        } else if (last && /^\s/.test(line)) {
          data[last] += ' ' + line.trim();
        } else {
          break;
        }
      }
      if (typeof data.events === 'string') {
        data.events = data.events.split(',').map(function (key) { return key.trim(); })
          .filter(function (key) { return key; });
      }
      data.body = lines.slice(i).join('\n').replace(/^\n+/, '');
      return data;
    },
    toFile: function (data) {
      var header = [];
      HEADER_ORDER.forEach(function (key) {
        var value = data[key];
        if (Array.isArray(value)) value = value.filter(function (v) { return v; }).join(', ');
        if (value === undefined || value === null || String(value).trim() === '') return;
        header.push(headerName(key) + ': ' + String(value).replace(/\s*\n\s*/g, ' ').trim());
      });
      var body = (data.body || '').replace(/\s+$/, '');
      return header.join('\n') + '\n\n' + body + '\n';
    },
  };

  function hoursParts(value) {
    var match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(value || '');
    return match ? [match[1], match[2]] : ['', ''];
  }

  // Two time pickers writing "08:00-14:00"; either empty writes nothing (all day).
  var OpeningHours = createClass({
    change: function (index, time) {
      var parts = hoursParts(this.props.value);
      if (!this.props.value && this.pending) parts = this.pending.slice();
      parts[index] = time;
      this.pending = parts;
      this.props.onChange(parts[0] && parts[1] ? parts[0] + '-' + parts[1] : '');
    },
    render: function () {
      var self = this, parts = hoursParts(this.props.value);
      if (!this.props.value && this.pending) parts = this.pending;
      var words = window.JEMPUT_WORDS || {};
      function picker(index, label) {
        return h('label', { style: { marginRight: '1.5em' } }, label + ' ',
          h('input', {
            type: 'time', value: parts[index], step: 300,
            id: index === 0 ? self.props.forID : self.props.forID + '-tutup',
            onChange: function (event) { self.change(index, event.target.value); },
            onFocus: self.props.setActiveStyle, onBlur: self.props.setInactiveStyle,
          }));
      }
      return h('div', { className: this.props.classNameWrapper },
        picker(0, words.opens || 'Buka'), picker(1, words.closes || 'Tutup'));
    },
  });

  var regions = null;
  function loadRegions(done) {
    if (regions) return done(regions);
    fetch('wilayah.json').then(function (r) { return r.json(); }).then(function (list) {
      regions = list;
      done(list);
    });
  }

  // A region code typed or chosen from the official names; the name of the code is shown below.
  var RegionCode = createClass({
    getInitialState: function () { return { regions: regions || [] }; },
    componentDidMount: function () {
      var self = this;
      loadRegions(function (list) { self.setState({ regions: list }); });
    },
    render: function () {
      var self = this, value = this.props.value || '', listId = this.props.forID + '-wilayah';
      var known = this.state.regions.filter(function (r) { return r[0] === value; })[0];
      var parent = this.state.regions.filter(function (r) { return r[0] === value.slice(0, 5); })[0];
      var words = window.JEMPUT_WORDS || {};
      var shown = known ? known[1] : (parent && value.length > 5 ? (words.inside || 'di') + ' ' + parent[1] : '');
      return h('div', { className: this.props.classNameWrapper },
        h('input', {
          id: this.props.forID, list: listId, value: value, inputMode: 'decimal', autoComplete: 'off',
          style: { width: '100%', border: 0, font: 'inherit' },
          onChange: function (event) { self.props.onChange(event.target.value.trim()); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        }),
        h('datalist', { id: listId }, this.state.regions.map(function (r) {
          return h('option', { key: r[0], value: r[0], label: r[1] });
        })),
        h('div', { 'aria-live': 'polite', style: { fontSize: '0.85em', marginTop: '0.3em' } }, shown));
    },
  });

  function plain(props) { return h('span', {}, props.value || ''); }

  function isList(value) { return Boolean(value && value['@@__IMMUTABLE_LIST__@@']); }
  function isMap(value) { return Boolean(value && value['@@__IMMUTABLE_MAP__@@']); }
  function isEmpty(value) {
    return value === '' || value === null || value === undefined || ((isList(value) || isMap(value)) && value.size === 0);
  }

  // What the form leaves empty is not written: the file keeps only what staff gave
  // (the strict loader reads an empty optional field as absent too).
  function compact(value) {
    if (isMap(value)) {
      return value.map(compact).filter(function (inner) { return !isEmpty(inner); });
    }
    if (isList(value)) return value.map(compact);
    return value;
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] === undefined ? all : values[name];
    });
  }

  // The rules that span fields, checked before saving; every rule is checked again by
  // `invoke check` and in the pull request.
  function visitProblems(visit, number) {
    var words = window.JEMPUT_WORDS, found = [], rules = words.problems;
    var start = visit.get('start'), end = visit.get('end') || start;
    var where = say(words.visit, { number: number }) + (visit.get('id') ? ' (' + visit.get('id') + ')' : '') + ': ';
    if (start && end && end < start) {
      return [where + say(rules['date.end_before_start'], { start: start, end: end })];
    }
    (visit.get('closed') || []).forEach(function (day) {
      if (start && end && day && (day < start || day > end)) {
        found.push(where + say(rules['date.closed_outside'], { value: day }));
      }
    });
    var registration = visit.get('registration');
    if (isMap(registration) && registration.get('opens') && registration.get('closes') &&
        registration.get('closes') < registration.get('opens')) {
      found.push(where + say(rules['registration.dates'], { opens: registration.get('opens'),
        closes: registration.get('closes') }));
    }
    return found;
  }

  function beforeSaving(event) {
    var entry = event.entry, collection = entry.get('collection') || '';
    if (collection.indexOf('jadwal-') !== 0 && collection !== 'kantor') return undefined;
    var data = compact(entry.get('data'));
    var found = [];
    (data.get('events') || []).forEach(function (visit, index) {
      if (isMap(visit)) found = found.concat(visitProblems(visit, index + 1));
    });
    if (found.length) {
      var refused = new Error(found.join(' · '));
      refused.toString = function () { return refused.message; };  // Decap shows it as written
      throw refused;
    }
    return data;
  }

  // Decap's list items open, move and close with icon buttons that have no name for a screen
  // reader (axe: button-name, aria-command-name); they are named as they appear.
  function nameIconButtons(words) {
    document.querySelectorAll('[aria-roledescription="sortable"]:not([aria-label])').forEach(function (handle) {
      handle.setAttribute('aria-label', words.move);
    });
    document.querySelectorAll('button:not([aria-label]):not([title])').forEach(function (button) {
      if (button.textContent.trim()) return;
      var bar = button.parentElement, buttons = bar ? bar.querySelectorAll(':scope > button') : [];
      if (buttons.length < 2) return;
      button.setAttribute('aria-label', button === buttons[buttons.length - 1] ? words.remove : words.toggle);
    });
  }

  function watchIconButtons(words) {
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameIconButtons(words); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  Promise.all([
    fetch('bahasa.json').then(function (r) { return r.json(); }),
  ]).then(function (loaded) {
    window.JEMPUT_WORDS = loaded[0].jemput || {};
    CMS.registerLocale('id', loaded[0].decap);
    CMS.registerCustomFormat('pelican-markdown', 'md', pelicanMarkdown);
    CMS.registerWidget('opening-hours', OpeningHours, plain);
    CMS.registerWidget('region-code', RegionCode, plain);
    CMS.registerEventListener({ name: 'preSave', handler: beforeSaving });
    CMS.init();
    watchIconButtons(window.JEMPUT_WORDS);
  });
})();
