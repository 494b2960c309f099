// The web chat page: talks to /chat/* on the same origin, renders the
// conversation, and polls for new messages (replies and progress updates).
// Plain browser JavaScript, no build step, no third-party code.
(function () {
  "use strict";

  var POLL_MS = 5000;
  // Tracking numbers, query codes and dates (the "by when" of a notice) stand out.
  // A notice's link to the status page is a link; a phone number is a call.
  var EMERGENCY_NUMBER = /^1(?:10|19|20|22)$/;
  var CODE_PATTERN =
    /(https?:\/\/[^\s，。]+)|(?<![\d.-]|第)((?:1(?:10|19|20|22)|12345)(?![.%条项号款元米个户人次天年月日岁页名位件栋楼室层万千百])|1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?![\d-])|([A-Z]{2,}-\d{8}-\d{4})|(查询码是：|query code is: )(\d{4,6})|(\d{4}年\d{1,2}月\d{1,2}日|\d{1,2} [A-Z][a-z]{2,8} \d{4})/g;

  var state = {
    csrf: "",
    locale: "zh",
    text: null,
    photo: { maxBytes: 5 * 1024 * 1024, types: [] },
    voice: null,
    /** The service's hotline (SERVICE_PHONE) wherever it is said, as a pattern; null: none. */
    hotline: null,
    recorder: null,
    messages: [],
    seen: {},
    lastId: 0,
    busy: false,
    /** Until the chat has opened (its session, its messages, its welcome), typed text waits. */
    starting: true,
    sendWhenIdle: false,
    pollTimer: 0,
  };

  var el = {
    messages: document.getElementById("messages"),
    actions: document.getElementById("actions"),
    locationButton: document.getElementById("location-button"),
    locationLabel: document.getElementById("location-label"),
    contactForm: document.getElementById("contact-form"),
    contactPhone: document.getElementById("contact-phone"),
    contactName: document.getElementById("contact-name"),
    status: document.getElementById("status-line"),
    composer: document.getElementById("composer"),
    input: document.getElementById("composer-input"),
    photoButton: document.getElementById("photo-button"),
    photoInput: document.getElementById("photo-input"),
    voiceButton: document.getElementById("voice-button"),
    voiceRules: document.getElementById("voice-rules"),
    langSwitch: document.getElementById("lang-switch"),
    steps: document.getElementById("steps"),
  };

  function words() {
    return state.text ? state.text[state.locale] : null;
  }

  function newEventId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  // ------------------------------------------------------------------ HTTP

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  function request(method, url, body, headers) {
    var init = { method: method, credentials: "same-origin", headers: headers || {} };
    if (body !== undefined) init.body = body;
    return fetch(url, init).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (response.ok) return data;
            var error = data && data.error ? data.error : {};
            throw new ApiError(response.status, error.code || "unavailable", error.message || "");
          });
      },
      function () {
        throw new ApiError(0, "offline", "");
      },
    );
  }

  function loadSession() {
    return request("GET", "/chat/session").then(function (data) {
      state.csrf = data.csrfToken;
      state.text = data.text;
      state.photo = data.photo;
      state.voice = data.voice;
      callHotlineIn(data.servicePhone);
      var canRecord = Boolean(
        data.voice && window.MediaRecorder && navigator.mediaDevices && window.isSecureContext,
      );
      el.voiceButton.hidden = !canRecord;
      el.voiceRules.hidden = !canRecord;
      setLocale(data.locale);
    });
  }

  /**
   * The hotline the service tells (SERVICE_PHONE): a call in every message (the footer's is in
   * the page as served).
   */
  function callHotlineIn(phone) {
    if (!phone) return;
    // Digits, "+" and "-" only (validated at start): "+" is the one character to escape.
    state.hotline = new RegExp("(?<![\\d+-])" + phone.replace("+", "\\+") + "(?![\\d-])", "g");
  }

  /** Sends with the CSRF token; a stale token is renewed once, a network error retried once. */
  function send(url, body, headers, retried) {
    var all = { "x-csrf-token": state.csrf };
    for (var key in headers) all[key] = headers[key];
    return request("POST", url, body, all).catch(function (error) {
      if (retried) throw error;
      if (error.code === "csrf") {
        return loadSession().then(function () {
          return send(url, body, headers, true);
        });
      }
      if (error.code === "offline") {
        return wait(2000).then(function () {
          return send(url, body, headers, true);
        });
      }
      throw error;
    });
  }

  function wait(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  function sendEvent(event) {
    var body = JSON.stringify({ eventId: newEventId(), event: event });
    return deliver(send("/chat/events", body, { "content-type": "application/json" }), "sending");
  }

  function sendPhoto(file) {
    var form = new FormData();
    form.append("photo", file, file.name || "photo");
    return deliver(send("/chat/photos", form, { "x-chat-event-id": newEventId() }), "uploading");
  }

  function sendVoice(blob) {
    var form = new FormData();
    var type = blob.type.indexOf("mp4") >= 0 ? "m4a" : "webm";
    form.append("voice", blob, "voice." + type);
    return deliver(send("/chat/voice", form, { "x-chat-event-id": newEventId() }), "uploading");
  }

  function deliver(pending, what) {
    setBusy(true, what);
    return pending
      .then(function (data) {
        showStatus("");
        if (data.locale) setLocale(data.locale);
        receive(data.messages || []);
        return true;
      })
      .catch(function (error) {
        showError(error);
        return false;
      })
      .then(function (ok) {
        setBusy(false);
        sendTypedTextIfWaiting();
        return ok;
      });
  }

  // Text sent while an earlier message or tap is still on its way goes out right after it,
  // in order: a citizen who taps and then types quickly must not find the Enter ignored.
  function sendTypedTextIfWaiting() {
    if (!state.sendWhenIdle || state.starting) return;
    state.sendWhenIdle = false;
    el.composer.requestSubmit();
  }

  function poll() {
    clearTimeout(state.pollTimer);
    if (document.hidden) return;
    request("GET", "/chat/messages?after=" + state.lastId)
      .then(function (data) {
        if (el.status.dataset.offline) showStatus("");
        if (data.locale) setLocale(data.locale);
        receive(data.messages || []);
      })
      .catch(function (error) {
        if (error.code === "offline") {
          showStatus(words() ? words().offline : "");
          el.status.dataset.offline = "1";
        }
      })
      .then(function () {
        state.pollTimer = setTimeout(poll, POLL_MS);
      });
  }

  // ------------------------------------------------------------------ rendering

  function receive(messages) {
    var added = false;
    messages.forEach(function (message) {
      if (state.seen[message.id]) return;
      state.seen[message.id] = true;
      state.messages.push(message);
      if (message.id > state.lastId) state.lastId = message.id;
      added = true;
    });
    if (!added) return;
    state.messages.sort(function (a, b) {
      return a.id - b.id;
    });
    render();
  }

  /** The turn whose buttons are live: the latest one the conversation answered. */
  function liveTurn() {
    for (var i = state.messages.length - 1; i >= 0; i--) {
      var m = state.messages[i];
      if (m.author === "service" && m.turn) return m.turn;
      if (m.author === "citizen") return null;
    }
    return null;
  }

  function render() {
    var hadFocusInside = el.messages.contains(document.activeElement);
    var live = liveTurn();
    var request = null;
    var requestLabel = "";
    var rendered = el.messages.querySelectorAll("[data-id]");
    var existing = {};
    for (var i = 0; i < rendered.length; i++) existing[rendered[i].dataset.id] = rendered[i];

    state.messages.forEach(function (message) {
      var node = existing[message.id];
      var isLive =
        message.author === "notice"
          ? noticeLive(message)
          : message.turn !== null && message.turn === live;
      if (!node) {
        node = renderMessage(message);
        el.messages.appendChild(node);
      }
      var choices = node.querySelector(".choices");
      if (choices) choices.hidden = !isLive;
      if (isLive && message.request) {
        request = message.request;
        requestLabel = message.requestLabel || "";
      }
    });

    showRequest(request, requestLabel);
    el.messages.scrollTop = el.messages.scrollHeight;
    if (hadFocusInside && !el.messages.contains(document.activeElement)) focusNext();
  }

  /** A notice's buttons (the rating question under an answer) stay until one of them is pressed. */
  function noticeLive(notice) {
    if (!notice.choices) return false;
    var labels = {};
    notice.choices.forEach(function (row) {
      row.forEach(function (choice) {
        labels[choice.label] = true;
      });
    });
    return !state.messages.some(function (m) {
      return m.id > notice.id && m.author === "citizen" && m.kind === "choice" && labels[m.text];
    });
  }

  /** After a pressed button disappears: the new question's first button, else the text box. */
  function focusNext() {
    var buttons = el.messages.querySelectorAll(".choices:not([hidden]) button");
    var target = buttons.length ? buttons[0] : el.input;
    target.focus({ preventScroll: true });
  }

  /** The photos a unit sent with its answer or progress report, each opening full size. */
  function appendUnitPhotos(bubble, urls, w) {
    var strip = document.createElement("div");
    strip.className = "unit-photos";
    urls.forEach(function (url) {
      var link = document.createElement("a");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener";
      var img = document.createElement("img");
      img.src = url;
      img.alt = w.unitPhoto || "";
      img.loading = "lazy";
      link.appendChild(img);
      strip.appendChild(link);
    });
    bubble.appendChild(strip);
  }

  function renderMessage(message) {
    var w = words() || {};
    var item = document.createElement("div");
    item.className = "msg msg-" + message.author;
    item.dataset.id = String(message.id);

    var who = document.createElement("span");
    who.className = message.author === "notice" ? "msg-label" : "visually-hidden";
    who.textContent =
      (message.author === "citizen"
        ? w.you
        : message.author === "notice"
          ? w.notice
          : w.assistant) + (message.author === "notice" ? "" : "：");
    item.appendChild(who);

    var bubble = document.createElement("div");
    bubble.className = "bubble";
    if (message.kind === "photo") {
      var img = document.createElement("img");
      img.src = message.photoUrl;
      img.alt = w.photoSent || "";
      img.loading = "lazy";
      img.addEventListener("error", function () {
        // Browsers other than Safari cannot show HEIC: say what it is instead.
        bubble.textContent = w.photoSent;
      });
      bubble.appendChild(img);
      bubble.classList.add("bubble-photo");
    } else if (message.kind === "voice") {
      var audio = document.createElement("audio");
      audio.controls = true;
      audio.preload = "none";
      audio.src = message.audioUrl;
      audio.setAttribute("aria-label", w.voiceSent || "");
      bubble.appendChild(audio);
      bubble.classList.add("bubble-voice");
    } else if (message.kind === "location") {
      bubble.textContent = w.locationSent;
      bubble.classList.add("bubble-location");
    } else if (message.kind === "contact") {
      bubble.textContent = w.contactSent + (state.locale === "zh" ? "：" : ": ") + message.text;
    } else {
      appendWithHotline(bubble, message.text || "", message.author === "notice");
    }
    if (message.kind === "receipt" && message.receipt) appendReceipt(bubble, message.receipt);
    if (message.photoUrls) appendUnitPhotos(bubble, message.photoUrls, w);
    item.appendChild(bubble);

    if (message.author === "notice") {
      var time = document.createElement("time");
      time.dateTime = message.at;
      time.className = "msg-time";
      time.textContent = new Date(message.at).toLocaleString(
        state.locale === "zh" ? "zh-CN" : "en-GB",
        { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" },
      );
      item.appendChild(time);
    }

    if (message.choices && message.choices.length) {
      var choices = document.createElement("div");
      choices.className = "choices";
      message.choices.forEach(function (row) {
        var line = document.createElement("div");
        line.className = "choice-row";
        row.forEach(function (choice) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "choice";
          button.textContent = choice.label;
          button.addEventListener("click", function () {
            if (state.busy) return;
            sendEvent({ type: "choice", id: choice.id });
          });
          line.appendChild(button);
        });
        choices.appendChild(line);
      });
      item.appendChild(choices);
    }
    return item;
  }

  /** Under the receipt: the number and the code, each with a copy button, and the status page. */
  function appendReceipt(bubble, receipt) {
    var w = words() || {};
    var fields = document.createElement("div");
    fields.className = "receipt-fields";
    [
      [w.trackingNo, receipt.trackingNo],
      [w.queryCode, receipt.queryCode],
    ].forEach(function (field) {
      var row = document.createElement("div");
      row.className = "receipt-field";
      var label = document.createElement("span");
      label.textContent = field[0] + (state.locale === "zh" ? "：" : ": ");
      var value = document.createElement("strong");
      value.className = "code";
      value.textContent = field[1];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button copy-button";
      button.textContent = w.copy;
      button.setAttribute("aria-label", w.copy + " " + field[0]);
      button.addEventListener("click", function () {
        copyText(field[1], value).then(
          function () {
            button.textContent = w.copied;
          },
          function () {
            button.textContent = w.copyFailed;
          },
        );
      });
      row.appendChild(label);
      row.appendChild(value);
      row.appendChild(button);
      fields.appendChild(row);
    });
    bubble.appendChild(fields);
    var link = document.createElement("a");
    link.className = "receipt-link";
    link.href = receipt.statusUrl + (state.locale === "en" ? "&lang=en" : "");
    link.textContent = w.openStatus;
    bubble.appendChild(link);
  }

  /** The clipboard where the browser offers it (secure pages); else the selection and execCommand. */
  function copyText(text, node) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var range = document.createRange();
      range.selectNodeContents(node);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      if (copied) resolve();
      else reject(new Error("copy refused"));
    });
  }

  /** A phone number one tap away. */
  function callLink(phone) {
    var call = document.createElement("a");
    call.href = "tel:" + phone;
    call.className = "tel";
    call.textContent = phone;
    return call;
  }

  /** Text with the service's hotline one tap away, the rest as appendHighlighted shows it. */
  function appendWithHotline(parent, text, anyNumberCalls) {
    var last = 0;
    if (state.hotline) {
      text.replace(state.hotline, function (match, offset) {
        appendHighlighted(parent, text.slice(last, offset), anyNumberCalls);
        parent.appendChild(callLink(match));
        last = offset + match.length;
        return match;
      });
    }
    appendHighlighted(parent, text.slice(last), anyNumberCalls);
  }

  /** Text with tracking numbers, query codes and dates in bold, written as text (never as HTML). */
  function appendHighlighted(parent, text, anyNumberCalls) {
    var last = 0;
    text.replace(
      CODE_PATTERN,
      function (match, url, phone, trackingNo, prefix, code, date, offset) {
        parent.appendChild(document.createTextNode(text.slice(last, offset) + (prefix || "")));
        if (phone) {
          // An emergency number is one tap away on a phone, and so is every number in a notice
          // (a unit's hotline in its answer); the assistant's examples (0394-8123456) are text.
          // The status page's CALLABLE_NUMBER (src/channels/web/status-page.ts) is its twin.
          var calls = anyNumberCalls || EMERGENCY_NUMBER.test(phone);
          parent.appendChild(calls ? callLink(phone) : document.createTextNode(phone));
          last = offset + match.length;
          return match;
        }
        if (url) {
          var link = document.createElement("a");
          link.href = url;
          link.textContent = url;
          parent.appendChild(link);
          last = offset + match.length;
          return match;
        }
        var strong = document.createElement("strong");
        strong.className = date ? "due" : "code";
        strong.textContent = trackingNo || code || date;
        parent.appendChild(strong);
        last = offset + match.length;
        return match;
      },
    );
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function showRequest(request, label) {
    var w = words() || {};
    var location = request === "location" && "geolocation" in navigator;
    el.locationButton.hidden = !location;
    if (location) el.locationLabel.textContent = label || w.shareLocation;
    el.contactForm.hidden = request !== "contact";
    el.actions.hidden = !location && request !== "contact";
  }

  function setBusy(busy, what) {
    state.busy = busy;
    el.composer.setAttribute("aria-busy", busy ? "true" : "false");
    var buttons = document.querySelectorAll(".choice, #composer button, #actions button");
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = busy;
    if (busy && words()) showStatus(words()[what]);
  }

  function showStatus(text, isError) {
    el.status.textContent = text;
    el.status.classList.toggle("error", Boolean(isError));
    delete el.status.dataset.offline;
  }

  function showError(error) {
    var w = words();
    if (!w) return;
    var text =
      (error.code && w.errors[error.code]) ||
      (error.code === "offline" ? w.offline : w.errors.unavailable);
    showStatus(text, true);
  }

  // ------------------------------------------------------------------ language

  function setLocale(locale) {
    if (locale !== "zh" && locale !== "en") return;
    var changed = locale !== state.locale || !document.documentElement.dataset.ready;
    state.locale = locale;
    var w = words();
    if (!w || !changed) return;
    document.documentElement.dataset.ready = "1";
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
    document.title = w.navChat + " · " + w.serviceName;
    var nodes = document.querySelectorAll("[data-text]");
    for (var i = 0; i < nodes.length; i++) {
      var value = w[nodes[i].dataset.text];
      if (typeof value === "string") nodes[i].textContent = value;
    }
    var labelled = document.querySelectorAll("[data-label]");
    for (var j = 0; j < labelled.length; j++) {
      labelled[j].setAttribute("aria-label", w[labelled[j].dataset.label]);
    }
    el.input.placeholder = w.inputPlaceholder;
    el.langSwitch.lang = locale === "zh" ? "en" : "zh-CN";
    el.steps.textContent = "";
    w.steps.forEach(function (step) {
      var li = document.createElement("li");
      li.textContent = step;
      el.steps.appendChild(li);
    });
    var statusHref = locale === "en" ? "/status?lang=en" : "/status";
    document.getElementById("status-link").href = statusHref;
    document.getElementById("status-link-2").href = statusHref;
  }

  // ------------------------------------------------------------------ input

  el.composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = el.input.value.trim();
    if (!text) return;
    // Typed while the chat is still opening, the text goes after the welcome, not before it.
    if (state.busy || state.starting) {
      state.sendWhenIdle = true;
      return;
    }
    sendEvent({ type: "text", text: text }).then(function (ok) {
      if (ok) {
        el.input.value = "";
        autoGrow();
      }
      el.input.focus();
    });
  });

  el.input.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter is a new line; Enter while composing Chinese picks a word.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });

  function autoGrow() {
    el.input.style.height = "auto";
    el.input.style.height = Math.min(el.input.scrollHeight, 160) + "px";
  }
  el.input.addEventListener("input", autoGrow);

  el.photoButton.addEventListener("click", function () {
    if (!state.busy) el.photoInput.click();
  });

  el.photoInput.addEventListener("change", function () {
    var file = el.photoInput.files && el.photoInput.files[0];
    el.photoInput.value = "";
    if (!file) return;
    var w = words();
    if (file.size > state.photo.maxBytes) return showStatus(w.errors.photo_size, true);
    sendPhoto(file);
  });

  // ------------------------------------------------------------------ hold to talk

  // Held: record; released: send. Shorter than a second is a slip of the finger.
  function startRecording() {
    if (state.busy || state.recorder) return;
    var w = words();
    var recording = { stopped: false, chunks: [], startedAt: Date.now(), timer: 0, rec: null };
    state.recorder = recording;
    el.voiceButton.classList.add("recording");
    el.voiceButton.setAttribute("aria-pressed", "true");
    navigator.mediaDevices
      .getUserMedia({ audio: true })
      .then(function (stream) {
        var rec = new MediaRecorder(stream);
        recording.rec = rec;
        rec.addEventListener("dataavailable", function (event) {
          if (event.data.size > 0) recording.chunks.push(event.data);
        });
        rec.addEventListener("stop", function () {
          stream.getTracks().forEach(function (track) {
            track.stop();
          });
          var seconds = (Date.now() - recording.startedAt) / 1000;
          if (seconds < 1) return showStatus(w.voiceTooShort, true);
          sendVoice(new Blob(recording.chunks, { type: rec.mimeType }));
        });
        recording.startedAt = Date.now();
        rec.start();
        var tick = function () {
          var seconds = Math.floor((Date.now() - recording.startedAt) / 1000);
          showStatus(w.recording.replace("{seconds}", String(seconds)));
          if (seconds >= state.voice.maxSeconds) return stopRecording();
          recording.timer = setTimeout(tick, 250);
        };
        tick();
        // Released before the microphone was ready.
        if (recording.stopped) stopRecording(true);
      })
      .catch(function () {
        finishRecording(recording);
        showStatus(w.micDenied, true);
      });
  }

  function finishRecording(recording) {
    clearTimeout(recording.timer);
    if (state.recorder === recording) state.recorder = null;
    el.voiceButton.classList.remove("recording");
    el.voiceButton.setAttribute("aria-pressed", "false");
  }

  function stopRecording(again) {
    var recording = state.recorder;
    if (!recording || (recording.stopped && !again)) return;
    recording.stopped = true;
    if (!recording.rec) return;
    finishRecording(recording);
    if (recording.rec.state !== "inactive") recording.rec.stop();
  }

  el.voiceButton.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    startRecording();
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
    el.voiceButton.addEventListener(name, function () {
      stopRecording();
    });
  });
  el.voiceButton.addEventListener("keydown", function (event) {
    if ((event.key === " " || event.key === "Enter") && !event.repeat) {
      event.preventDefault();
      startRecording();
    }
  });
  el.voiceButton.addEventListener("keyup", function (event) {
    if (event.key === " " || event.key === "Enter") stopRecording();
  });
  // A long press on a phone would open the context menu instead.
  el.voiceButton.addEventListener("contextmenu", function (event) {
    event.preventDefault();
  });

  el.locationButton.addEventListener("click", function () {
    var w = words();
    showStatus(w.locating);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        sendEvent({
          type: "location",
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
        });
      },
      function () {
        showStatus(w.locationFailed, true);
        el.input.focus();
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });

  el.contactForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var phone = el.contactPhone.value.trim();
    if (!phone || state.busy) return el.contactPhone.focus();
    var name = el.contactName.value.trim();
    var contact = { type: "contact", phone: phone };
    if (name) contact.name = name;
    sendEvent(contact).then(function (ok) {
      if (ok) {
        el.contactPhone.value = "";
        el.contactName.value = "";
      }
    });
  });

  el.langSwitch.addEventListener("click", function () {
    if (state.busy) return;
    sendEvent({ type: "command", name: "lang", args: state.locale === "zh" ? "en" : "zh" });
  });

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) poll();
  });

  // ------------------------------------------------------------------ start

  function start() {
    var wanted = new URLSearchParams(location.search).get("lang");
    loadSession()
      .then(function () {
        return request("GET", "/chat/messages?after=0");
      })
      .then(function (data) {
        receive(data.messages);
        var first = state.messages.length === 0;
        var chain = Promise.resolve();
        if ((wanted === "en" || wanted === "zh") && wanted !== state.locale) {
          chain = chain.then(function () {
            return sendEvent({ type: "command", name: "lang", args: wanted });
          });
        }
        if (first) {
          chain = chain.then(function () {
            return sendEvent({ type: "command", name: "start", args: "" });
          });
        }
        return chain;
      })
      .catch(showError)
      .then(function () {
        state.starting = false;
        sendTypedTextIfWaiting();
        state.pollTimer = setTimeout(poll, POLL_MS);
      });
  }

  start();
})();
