// The interview room: a websocket to the server (docs/websocket.md), typed or spoken answers,
// the interviewer's voice, and recordings uploaded in chunks while the interview runs.
(function () {
  "use strict";
  const room = document.getElementById("room");
  const id = room.dataset.interview;
  const wantsVideo = room.dataset.video === "true";
  const voiceMode = room.dataset.mode === "voice";
  const csrf = room.querySelector("[name=csrfmiddlewaretoken]").value;
  const $ = (selector) => document.getElementById(selector);
  const caption = $("caption"), transcript = $("transcript"), progress = $("progress");
  const answer = $("answer"), send = $("send"), status = $("room-status");
  const pendingKey = `interview:${id}:pending`;
  let socket = null, stream = null, finished = false, retries = 0, liveText = "";
  const seen = new Set();

  // ---- devices and recording -------------------------------------------------------------
  async function openDevices() {
    if (!wantsVideo && !voiceMode) return null;
    const constraints = { audio: true, video: wantsVideo };
    try {
      return await navigator.mediaDevices.getUserMedia(constraints);
    } catch (error) {
      $("device-status").textContent =
        gettext("We couldn't use your camera or microphone. You can still type your answers.");
      return null;
    }
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

  // ---- speech in: 16 kHz PCM16 over the websocket -----------------------------------------
  let capture = null;
  let spoken = null;  // the last spoken answer, until the server acknowledges it

  function resendAudio() {
    // After a reconnect the server has lost the audio of the new connection's predecessor.
    const answer = capture || spoken;
    if (!answer) return;
    socketSend({ type: "audio_start", id: answer.messageId || answer.id });
    answer.chunks.forEach((chunk) => socket.send(chunk));
    if (!capture) socketSend({ type: "audio_end", id: answer.id });
  }
  async function startTalking() {
    if (!stream || !stream.getAudioTracks().length) { status.textContent = gettext("No microphone available; please type."); return; }
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
    const processor = context.createScriptProcessor(4096, 1, 1);
    const ratio = context.sampleRate / 16000;
    const messageId = newId();
    const chunks = [];  // kept until acknowledged, so a reconnect can send the answer again
    socketSend({ type: "audio_start", id: messageId });
    processor.onaudioprocess = (event) => {
      const input = event.inputBuffer.getChannelData(0);
      const out = new Int16Array(Math.floor(input.length / ratio));
      for (let i = 0; i < out.length; i++) {
        const s = Math.max(-1, Math.min(1, input[Math.floor(i * ratio)]));
        out[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
      }
      chunks.push(out.buffer);
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(out.buffer);
    };
    source.connect(processor);
    processor.connect(context.destination);
    capture = { context, processor, source, messageId, chunks };
    $("talk").textContent = "Stop and send";
    $("talk").classList.add("recording");
    status.textContent = gettext("Listening…");
  }
  function stopTalking() {
    if (!capture) return;
    capture.processor.disconnect(); capture.source.disconnect(); capture.context.close();
    socketSend({ type: "audio_end", id: capture.messageId });
    spoken = { id: capture.messageId, chunks: capture.chunks };
    capture = null;
    $("talk").textContent = "Speak answer";
    $("talk").classList.remove("recording");
    status.textContent = gettext("Transcribing…");
  }

  // ---- speech out -------------------------------------------------------------------------
  let playing = null;
  function speak(url) {
    if (!voiceMode || !url) return;
    if (playing) playing.pause();
    playing = new Audio(url);
    playing.play().catch(() => {});
  }

  // ---- the conversation --------------------------------------------------------------------
  function newId() {
    return (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).slice(0, 64);
  }
  function pending() { try { return JSON.parse(localStorage.getItem(pendingKey) || "[]"); } catch (e) { return []; } }
  function setPending(list) { localStorage.setItem(pendingKey, JSON.stringify(list)); }

  function showTurn(turn) {
    if (seen.has(turn.seq)) return;
    seen.add(turn.seq);
    const item = document.createElement("li");
    item.className = turn.speaker;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = `${turn.speaker === "interviewer" ? room.dataset.interviewer : gettext("You")} · ${turn.timestamp_str}`;
    item.append(who, document.createTextNode(turn.text));
    transcript.append(item);
    transcript.scrollTop = transcript.scrollHeight;
    if (turn.speaker === "interviewer") caption.textContent = turn.text;
  }
  function showProgress(p) {
    if (p && p.total) progress.textContent = interpolate(gettext("Question %(number)s of %(total)s"), { number: Math.max(p.question, 1), total: p.total }, true);
  }
  function setBusy(busy) { send.disabled = busy; }

  function onMessage(event) {
    const message = JSON.parse(event.data);
    switch (message.type) {
      case "state":
        message.transcript.forEach(showTurn);
        showProgress(message.progress);
        setBusy(message.awaiting !== "answer");
        if (message.status === "evaluating" || message.status === "completed") finish(message.redirect_url);
        pending().forEach((p) => socketSend({ type: "answer", id: p.id, text: p.text }));
        resendAudio();
        break;
      case "interviewer_start":
        liveText = ""; setBusy(true); break;
      case "interviewer_delta":
        liveText += message.text; caption.textContent = liveText; break;
      case "turn":
        showTurn(message.turn);
        showProgress(message.progress);
        if (message.turn.speaker === "interviewer") {
          speak(message.audio_url);
          if (message.turn.kind !== "closing") { setBusy(false); status.textContent = ""; answer.focus(); }
        }
        break;
      case "ack":
        setPending(pending().filter((p) => p.id !== message.id));
        if (spoken && spoken.id === message.id) spoken = null;
        status.textContent = "";
        break;
      case "transcript":
        status.textContent = ""; break;
      case "finished":
        finish(message.redirect_url); break;
      case "inactive":
        $("elsewhere-text").textContent = message.message;
        $("elsewhere").hidden = false;
        setBusy(true);
        break;
      case "error":
        status.textContent = message.message;
        if (message.code === "not_your_turn" || message.code === "inactive_tab") restore(message.id);
        if (message.code === "no_speech" || message.code === "empty_answer") setBusy(false);
        if (message.code === "no_speech" && spoken && spoken.id === message.id) spoken = null;
        break;
    }
  }

  // An answer the server refused was not saved: it goes back in the box, not lost.
  function restore(messageId) {
    const refused = pending().find((p) => p.id === messageId);
    if (!refused) return;
    setPending(pending().filter((p) => p.id !== messageId));
    if (!answer.value.trim()) answer.value = refused.text;
  }

  function finish(redirect) {
    if (finished) return;
    finished = true;
    setBusy(true);
    setTimeout(() => { window.location.href = redirect || `/i/${id}`; }, 1500);
  }

  function socketSend(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/interviews/${id}/`);
    socket.onopen = () => { retries = 0; status.textContent = ""; };
    socket.onmessage = onMessage;
    socket.onclose = (event) => {
      if (finished) return;
      if (event.code === 4403 || event.code === 4404) { window.location.reload(); return; }
      status.textContent = gettext("Connection lost — reconnecting… Your answers are safe.");
      retries += 1;
      setTimeout(connect, Math.min(10000, 500 * 2 ** retries));
    };
  }

  $("answer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = answer.value.trim();
    if (!text || send.disabled) return;
    const message = { id: newId(), text };
    setPending([...pending(), message]);  // kept until the server acknowledges it
    socketSend({ type: "answer", id: message.id, text });
    answer.value = "";
    setBusy(true);
    status.textContent = gettext("Sent.");
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
  });
  $("talk").addEventListener("click", () => (capture ? stopTalking() : startTalking()));

  async function prepare() {
    stream = await openDevices();
    if (stream && wantsVideo) $("check-preview").srcObject = stream;
    if (stream) $("device-status").textContent = gettext("Looking good.");
  }

  $("start").addEventListener("click", async () => {
    if (!stream) stream = await openDevices();
    $("device-check").hidden = true;
    $("interview").hidden = false;
    if (stream) {
      if (wantsVideo) { $("self-view").srcObject = stream; startRecorder(stream, "video"); }
      // The microphone is recorded with the camera, or alone in a voice interview.
      if (wantsVideo || voiceMode) startRecorder(new MediaStream(stream.getAudioTracks()), "audio");
      if (voiceMode && stream.getAudioTracks().length) $("talk").hidden = false;
    }
    connect();
  });

  if (wantsVideo) prepare();
})();
