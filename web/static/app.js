// Parley's only script: on an article page, clicking (or Enter on) a record
// marks its words in the text and scrolls to them; clicking marked words
// finds their record. The pages work without it.
(function () {
  'use strict';
  function clear() {
    document.querySelectorAll('.marked, .marked-ctx, .rec.active').forEach(function (e) {
      e.classList.remove('marked', 'marked-ctx', 'active');
    });
  }
  function mark(id, rec, scroll) {
    clear();
    var sel = CSS.escape(id);
    var hits = document.querySelectorAll('.article-text [data-a~="' + sel + '"]');
    hits.forEach(function (e) { e.classList.add('marked'); });
    document.querySelectorAll('.article-text [data-s~="' + sel + '"]').forEach(function (e) { e.classList.add('marked-ctx'); });
    if (rec) rec.classList.add('active');
    if (hits.length && scroll) hits[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (history.replaceState) history.replaceState(null, '', '#' + id);
  }
  document.addEventListener('click', function (ev) {
    if (ev.target.closest('a')) return;
    var rec = ev.target.closest('.rec[data-target]');
    if (rec) { mark(rec.dataset.target, rec, true); return; }
    var seg = ev.target.closest('.article-text [data-a]');
    if (seg) {
      var id = seg.dataset.a.split(' ').pop();
      var r = document.querySelector('.rec[data-target="' + CSS.escape(id) + '"]');
      mark(id, r, false);
      if (r) r.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  });
  document.addEventListener('keydown', function (ev) {
    var rec = ev.target.closest && ev.target.closest('.rec[data-target]');
    if (rec && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); mark(rec.dataset.target, rec, true); }
  });
  window.addEventListener('DOMContentLoaded', function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var r = document.querySelector('.rec[data-target="' + CSS.escape(id) + '"]');
    if (r) { mark(id, r, true); r.scrollIntoView({ block: 'nearest' }); }
  });
})();
