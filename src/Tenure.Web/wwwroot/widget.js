/* Tenure survey widget (docs/surveys.md): <script src="https://TENURE/widget.js" data-survey="srv_..." data-user-token="..." async></script>
   Shows a two-step card (score, then follow-up) in the host page; dismissible; hidden while the person is throttled. No dependencies. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var survey = script.getAttribute("data-survey"), token = script.getAttribute("data-user-token");
  if (!survey || !token) return;
  var base = new URL(script.src, location.href).origin + "/api/public/surveys/" + encodeURIComponent(survey) + "/widget";
  var dismissKey = "tenure-survey-dismissed:" + survey;
  try {
    var until = Number(localStorage.getItem(dismissKey) || 0);
    if (until > Date.now()) return;
  } catch (e) { /* storage blocked: ask anyway */ }

  function post(path, fields) {
    var body = new URLSearchParams(fields);
    body.set("token", token);
    return fetch(base + path, { method: "POST", body: body, mode: "cors", credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("Tenure survey: " + r.status);
      return r.json();
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  var css = "position:fixed;right:16px;bottom:16px;z-index:2147483647;width:min(360px,calc(100vw - 32px));background:#fff;color:#1f2937;" +
    "border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.18);padding:16px;font:15px/1.45 system-ui,sans-serif";
  var btn = "min-width:36px;min-height:40px;margin:2px;border:1px solid #d1d5db;border-radius:8px;background:#fff;font:inherit;font-weight:600;cursor:pointer";
  var faces = ["\u{1F620}", "\u{1F641}", "\u{1F610}", "\u{1F642}", "\u{1F600}"];

  fetch(base + "?token=" + encodeURIComponent(token), { mode: "cors", credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (state) { if (state && state.show) show(state); })
    .catch(function () { /* never break the host page */ });

  function show(state) {
    var card = el("aside", { "data-tenure-survey": survey, "role": "dialog", "aria-label": "Survey", "style": css });
    var close = el("button", { "type": "button", "aria-label": "Dismiss", "data-tenure-dismiss": "", "style": "position:absolute;top:6px;right:8px;border:0;background:none;font-size:20px;cursor:pointer;color:#6b7280" }, "\u00D7");
    close.onclick = function () {
      try { localStorage.setItem(dismissKey, String(Date.now() + state.throttle_days * 86400000)); } catch (e) { /* ignore */ }
      card.remove();
    };
    var body = el("div", {});
    card.appendChild(close);
    card.appendChild(body);
    document.body.appendChild(card);

    body.appendChild(el("p", { "style": "margin:0 24px 10px 0;font-weight:600" }, state.question));
    var row = el("div", { "style": "display:flex;flex-wrap:wrap" });
    for (var v = state.min; v <= state.max; v++) {
      var b = el("button", { "type": "button", "data-score": String(v), "style": btn + (state.faces ? ";font-size:22px" : "") }, state.faces ? faces[v - 1] : String(v));
      b.onclick = (function (score) { return function () { answer(score); }; })(v);
      row.appendChild(b);
    }
    body.appendChild(row);

    function answer(score) {
      post("/score", { score: String(score) }).then(function (saved) {
        body.textContent = "";
        var label = el("label", { "for": "tenure-survey-comment", "style": "display:block;margin:0 24px 8px 0;font-weight:600" }, state.follow_up);
        var text = el("textarea", { "id": "tenure-survey-comment", "name": "comment", "rows": "3", "maxlength": "2000", "style": "width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid #d1d5db;border-radius:8px" });
        var send = el("button", { "type": "button", "data-tenure-send": "", "style": btn + ";margin-top:8px;padding:0 16px;background:#1d4ed8;color:#fff;border-color:#1d4ed8" }, "Send");
        send.onclick = function () {
          post("/comment", { response_id: saved.response_id, comment: text.value }).then(thanks, thanks);
        };
        body.appendChild(label);
        body.appendChild(text);
        body.appendChild(send);
      }, function () { card.remove(); });
    }
    function thanks() {
      body.textContent = "";
      body.appendChild(el("p", { "data-tenure-thanks": "", "style": "margin:0 24px 0 0" }, "Thank you for your answer!"));
      setTimeout(function () { card.remove(); }, 4000);
    }
  }
})();
