// The interview room: a websocket to the server (docs/websocket.md), hands-free spoken answers
// (or typed ones, always), the interviewer's voice sentence by sentence, and recordings
// uploaded in chunks while the interview runs. The body's data-state says where the
// conversation is: idle, listening, thinking, speaking, finished.
(function () {
  "use strict";
  const room = document.getElementById("room");
  const id = room.dataset.interview;
  const wantsVideo = room.dataset.video === "true";
  let voiceMode = room.dataset.mode === "voice";
  const csrf = room.querySelector("[name=csrfmiddlewaretoken]").value;
  const $ = (selector) => document.getElementById(selector);
  const caption = $("caption"), liveCaption = $("live-caption"), transcript = $("transcript");
  const progress = $("progress"), answer = $("answer"), send = $("send");
  const status = $("room-status"), done = $("done");
  const pendingKey = `interview:${id}:pending`;
  const { Microphone, Speaker, openDevices } = window.InterviewVoice;
  let socket = null, stream = null, finished = false, retries = 0, liveText = "";
  let microphone = null, micOn = true, soundOn = true, listening = false, speaking = false;
  let awaiting = false;  // the candidate has the floor
  let header = null;  // the `speech` message whose audio frame comes next
  const seen = new Map();  // seq → transcript item
  const spoken = new Map();  // id of a spoken answer → its text, until acknowledged
  const speaker = new Speaker(() => updateState());

  function setState() {
    let state = "thinking";
    if (finished) state = "finished";
    else if (!socket) state = "idle";
    else if (speaker.playing) state = "speaking";
    else if (awaiting) state = "listening";
    document.body.dataset.state = state;
    return state;
  }
  function updateState() {
    const state = setState();
    done.disabled = !(listening && state === "listening");
    const words = {
      listening: listening ? gettext("Listening… answer out loud, then pause.") : "",
      thinking: gettext("Thinking…"),
      speaking: "",
      finished: "",
    };
    if (state in words) $("voice-state").textContent = words[state];
  }

  // ---- devices and recording -------------------------------------------------------------
  function showMicHelp(text) {
    $("mic-help-text").textContent = text;
    $("mic-help").hidden = false;
  }

  async function prepareDevices() {
    if (!wantsVideo && !voiceMode) return;
    try {
      stream = await openDevices(wantsVideo);
    } catch (error) {
      stream = null;
      const blocked = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
      showMicHelp(blocked
        ? gettext("Your browser blocked the microphone. Click the camera or lock icon in the address bar, allow the microphone, then reload this page. Or continue by typing your answers.")
        : gettext("We couldn't find a microphone. Plug one in and reload this page, or continue by typing your answers."));
      return;
    }
    if (wantsVideo) $("check-preview").srcObject = stream;
    $("device-status").textContent = gettext("Looking good.");
    if (voiceMode && stream.getAudioTracks().length) meter();
  }

  // A live level, and a plain warning when the microphone stays silent.
  function meter() {
    microphone = new Microphone(stream);
    $("mic-check").hidden = false;
    let loudAt = Date.now(), warned = false;
    const tick = () => {
      const level = microphone.level();
      $("mic-bar").style.width = `${level}%`;
      $("mic-level").setAttribute("aria-valuenow", String(level));
      if (level > 15) loudAt = Date.now();
      if (!warned && Date.now() - loudAt > 6000) {
        warned = true;
        showMicHelp(gettext("We can't hear anything from your microphone. Check that it is not muted and that the right one is chosen in your browser's settings, then say something. Or continue by typing your answers."));
      }
      if (!$("device-check").hidden) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  function startRecorder(media, kind) {
    if (!media || typeof MediaRecorder === "undefined") return;
    const session = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const type = kind === "video" ? "video/webm" : "audio/webm";
    let recorder;
    try { recorder = new MediaRecorder(media, { mimeType: type }); }
    catch (error) { try { recorder = new MediaRecorder(media); } catch (e) { return; } }
    let seq = 0;
    recorder.ondataavailable = (event) => {
      if (event.data && event.data.size > 0) upload(kind, session, seq++, event.data);
    };
    recorder.start(3000);  // a chunk every 3 s: a dropped connection loses at most that
    window.addEventListener("pagehide", () => { try { recorder.stop(); } catch (e) {} });
    return recorder;
  }

  const uploads = [];
  let uploading = false;
  function upload(kind, session, seq, blob) {
    uploads.push({ kind, session, seq, blob, tries: 0 });
    drainUploads();
  }
  async function drainUploads() {
    if (uploading) return;
    uploading = true;
    while (uploads.length) {
      const item = uploads[0];
      try {
        const response = await fetch(
          `/i/${id}/recordings/${item.kind}?session=${item.session}&seq=${item.seq}`,
          { method: "POST", body: item.blob, headers: { "X-CSRFToken": csrf } });
        // Refused for good (not recorded, full, invalid): drop it; anything else is retried.
        const refused = response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
        if (response.ok || refused) uploads.shift();
        else throw new Error(String(response.status));
      } catch (error) {
        item.tries += 1;
        await new Promise((r) => setTimeout(r, Math.min(30000, 1000 * 2 ** item.tries)));
      }
    }
    uploading = false;
  }

  // ---- speech in: 20 ms frames, always while the microphone is on -------------------------
  // The frames of an answer under way are kept until it is transcribed, so a reconnect can
  // send them again: nothing said is lost with the connection.
  const answerFrames = [], recentFrames = [];
  let inAnswer = false;
  function onFrame(frame) {
    recentFrames.push(frame);
    if (recentFrames.length > 25) recentFrames.shift();  // 0.5 s before a detected start
    if (inAnswer && answerFrames.length < 3000) answerFrames.push(frame);  // at most 60 s
    if (listening && micOn && socket && socket.readyState === WebSocket.OPEN) socket.send(frame);
  }
  function answerStarted() {
    if (!inAnswer) { answerFrames.length = 0; answerFrames.push(...recentFrames); }
    inAnswer = true;
  }
  function answerEnded() { inAnswer = false; answerFrames.length = 0; }

  function sendVoice() {
    socketSend({ type: "voice", listen: voiceMode && micOn && !!microphone, speak: voiceMode && soundOn });
  }

  // ---- the conversation --------------------------------------------------------------------
  function newId() {
    return (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).slice(0, 64);
  }
  function pending() { try { return JSON.parse(localStorage.getItem(pendingKey) || "[]"); } catch (e) { return []; } }
  function setPending(list) { localStorage.setItem(pendingKey, JSON.stringify(list)); }

  function showTurn(turn) {
    let item = seen.get(turn.seq);
    if (!item) {
      item = document.createElement("li");
      const who = document.createElement("span");
      who.className = "who";
      const text = document.createElement("span");
      text.className = "text";
      item.append(who, text);
      seen.set(turn.seq, item);
      const later = [...seen.entries()].filter(([seq]) => seq > turn.seq).map(([, li]) => li);
      if (later.length) transcript.insertBefore(item, later[0]); else transcript.append(item);
    }
    item.className = turn.speaker;
    item.dataset.speaker = turn.speaker;
    item.dataset.seq = String(turn.seq);
    const name = turn.speaker === "interviewer" ? room.dataset.interviewer : gettext("You");
    item.querySelector(".who").textContent = `${name} · ${turn.timestamp_str}`;
    item.querySelector(".text").textContent = turn.text;
    transcript.scrollTop = transcript.scrollHeight;
    if (turn.speaker === "interviewer") caption.textContent = turn.text;
  }
  function forgetTurn(seq) {  // withdrawn: the candidate went on before hearing it
    const item = seen.get(seq);
    if (item) item.remove();
    seen.delete(seq);
    const said = [...transcript.querySelectorAll("li.interviewer .text")].pop();
    caption.textContent = said ? said.textContent : "";
  }
  function showProgress(p) {
    if (p && p.total) progress.textContent = interpolate(gettext("Question %(number)s of %(total)s"), { number: Math.max(p.question, 1), total: p.total }, true);
  }
  function setBusy(busy) { send.disabled = busy; }

  function onMessage(event) {
    if (typeof event.data !== "string") {  // a sentence of the interviewer's voice
      if (header && soundOn) speaker.play(header.say, event.data, header.sample_rate);
      header = null;
      updateState();
      return;
    }
    const message = JSON.parse(event.data);
    switch (message.type) {
      case "state":
        message.transcript.forEach(showTurn);
        showProgress(message.progress);
        awaiting = message.awaiting === "answer";
        setBusy(!awaiting);
        if (message.status === "evaluating" || message.status === "completed") finish(message.redirect_url);
        pending().forEach((p) => socketSend({ type: "answer", id: p.id, text: p.text }));
        break;
      case "voice":
        listening = message.listen;
        if (message.message) status.textContent = message.message;
        // An answer cut off by a dropped connection is heard again from its start.
        if (listening && awaiting && answerFrames.length) answerFrames.forEach((f) => socket.send(f));
        break;
      case "interviewer_start":
        liveText = ""; awaiting = false; setBusy(true); break;
      case "interviewer_delta":
        liveText += message.text; caption.textContent = liveText; break;
      case "speech":
        header = message; break;
      case "speech_start":
        if (message.stopped !== null && message.stopped !== undefined) speaker.stop(message.stopped);
        awaiting = true;
        answerStarted();
        liveCaption.textContent = "…";
        break;
      case "caption":
        liveCaption.textContent = message.text; break;
      case "prompt":
        liveCaption.textContent = message.text; break;
      case "transcript":
        answerEnded();
        awaiting = false;
        spoken.set(message.id, message.text);
        // Kept like a typed answer until acknowledged: sent again, with this id, if it was not stored.
        setPending([...pending(), { id: message.id, text: message.text }]);
        liveCaption.textContent = message.text;
        break;
      case "turn":
        showTurn(message.turn);
        showProgress(message.progress);
        if (message.turn.speaker === "interviewer") {
          liveCaption.textContent = "";
          if (message.turn.kind !== "closing") { awaiting = true; setBusy(false); status.textContent = ""; }
        }
        break;
      case "retracted":
        forgetTurn(message.seq); break;
      case "ack":
        setPending(pending().filter((p) => p.id !== message.id));
        spoken.delete(message.id);
        status.textContent = "";
        break;
      case "finished":
        finish(message.redirect_url); break;
      case "inactive":
        $("elsewhere-text").textContent = message.message;
        $("elsewhere").hidden = false;
        listening = false;
        speaker.stopAll();
        setBusy(true);
        break;
      case "error":
        status.textContent = message.message;
        if (message.code === "not_your_turn" || message.code === "inactive_tab") restore(message.id);
        if (message.code === "no_speech") { answerEnded(); awaiting = true; }
        if (message.code === "empty_answer") setBusy(false);
        if (message.code === "service_unavailable" && message.id) retryLater(message.id);
        break;
    }
    updateState();
  }

  // An answer the server refused was not saved: it goes back in the box, not lost.
  function restore(messageId) {
    const typed = pending().find((p) => p.id === messageId);
    const text = typed ? typed.text : spoken.get(messageId);
    if (!text) return;
    setPending(pending().filter((p) => p.id !== messageId));
    spoken.delete(messageId);
    if (!answer.value.trim()) answer.value = text;
  }

  // The server was briefly away (PostgreSQL or Redis): the same answer, same id, a bit later.
  function retryLater(messageId) {
    setTimeout(() => {
      const kept = pending().find((p) => p.id === messageId);
      if (kept) socketSend({ type: "answer", id: kept.id, text: kept.text });
    }, 3000);
  }

  // The goodbye plays to its end; then the page moves on.
  async function finish(redirect) {
    if (finished) return;
    finished = true;
    listening = false;
    setBusy(true);
    await speaker.drained(60000);
    updateState();
    setTimeout(() => { window.location.href = redirect || `/i/${id}`; }, 800);
  }

  function socketSend(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/interviews/${id}/`);
    socket.binaryType = "arraybuffer";
    socket.onopen = () => {
      retries = 0;
      status.textContent = "";
      speaker.reset();
      if (voiceMode) sendVoice();
    };
    socket.onmessage = onMessage;
    socket.onclose = (event) => {
      listening = false;
      if (finished) return;
      if (event.code === 4403 || event.code === 4404) { window.location.reload(); return; }
      status.textContent = gettext("Connection lost — reconnecting… Your answers are safe.");
      retries += 1;
      setTimeout(connect, Math.min(10000, 500 * 2 ** retries));
    };
    updateState();
  }

  // ---- controls ----------------------------------------------------------------------------
  $("answer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = answer.value.trim();
    if (!text || send.disabled) return;
    const message = { id: newId(), text };
    setPending([...pending(), message]);  // kept until the server acknowledges it
    socketSend({ type: "answer", id: message.id, text });
    answer.value = "";
    awaiting = false;
    setBusy(true);
    status.textContent = gettext("Sent.");
    updateState();
  });
  // Enter sends, as in any chat; Shift+Enter starts a new line.
  answer.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    $("answer-form").requestSubmit();
  });
  $("repeat").addEventListener("click", () => socketSend({ type: "repeat", id: newId() }));
  $("claim").addEventListener("click", () => {
    $("elsewhere").hidden = true;
    socketSend({ type: "claim" });
    socketSend({ type: "sync" });
    if (voiceMode) sendVoice();
  });
  done.addEventListener("click", () => socketSend({ type: "done" }));
  function toggle(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    sendVoice();
  }
  $("mic-toggle").addEventListener("click", () => { micOn = !micOn; toggle($("mic-toggle"), micOn); });
  $("sound-toggle").addEventListener("click", () => {
    soundOn = !soundOn;
    if (!soundOn) speaker.stopAll();
    toggle($("sound-toggle"), soundOn);
  });
  $("play-check").addEventListener("click", async () => {
    const response = await fetch(`/i/${id}/speech/check.wav`);
    if (!response.ok) { $("device-status").textContent = gettext("The interviewer's voice is not available; you will read the questions."); return; }
    const audio = new Audio(URL.createObjectURL(await response.blob()));
    audio.play().catch(() => {});
  });
  $("type-instead").addEventListener("click", () => {
    voiceMode = false;
    $("mic-help").hidden = true;
    $("device-status").textContent = gettext("You will type your answers.");
  });

  $("start").addEventListener("click", async () => {
    if (!stream && (wantsVideo || voiceMode)) await prepareDevices();
    $("device-check").hidden = true;
    $("interview").hidden = false;
    if (stream) {
      if (wantsVideo) { $("self-view").srcObject = stream; startRecorder(stream, "video"); }
      // The microphone is recorded with the camera, or alone in a voice interview.
      if (wantsVideo || voiceMode) startRecorder(new MediaStream(stream.getAudioTracks()), "audio");
    }
    if (voiceMode && microphone) {
      $("voice-bar").hidden = false;
      try { await microphone.capture(room.dataset.worklet, onFrame); }
      catch (error) { microphone = null; status.textContent = gettext("We couldn't use your microphone. Please type your answers."); }
    } else if (voiceMode) {
      $("voice-bar").hidden = false;
      $("mic-toggle").hidden = true;
      $("done").hidden = true;
    }
    connect();
  });

  document.body.dataset.state = "idle";
  prepareDevices();
})();
