// Voice for the interview room (docs/websocket.md): the microphone as 16 kHz PCM16 frames from
// pcm-worklet.js, a level for the device check, and the interviewer's sentences played one
// after another with Web Audio, so they can be stopped at once when the candidate speaks.
(function () {
  "use strict";

  const CONSTRAINTS = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

  // One audio context for the page, made (or resumed) on the first click: browsers keep a
  // context made before any gesture suspended.
  let context = null;
  function audioContext() {
    if (!context) context = new (window.AudioContext || window.webkitAudioContext)();
    if (context.state === "suspended") context.resume().catch(() => {});
    return context;
  }
  document.addEventListener("click", () => { if (context) audioContext(); }, true);

  async function openDevices(video) {
    return navigator.mediaDevices.getUserMedia({ audio: CONSTRAINTS, video });
  }

  // The microphone: a level meter at once, 20 ms frames once `capture(onFrame)` is called.
  class Microphone {
    constructor(stream) {
      const ctx = audioContext();
      this.source = ctx.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
      this.analyser = ctx.createAnalyser();
      this.analyser.fftSize = 1024;
      this.source.connect(this.analyser);
      this.samples = new Float32Array(this.analyser.fftSize);
      this.node = null;
    }

    // Loudness of the last ~20 ms, 0–100 (dBFS from -60 to 0).
    level() {
      this.analyser.getFloatTimeDomainData(this.samples);
      let sum = 0;
      for (const s of this.samples) sum += s * s;
      const db = 10 * Math.log10(sum / this.samples.length + 1e-12);
      return Math.max(0, Math.min(100, Math.round((db + 60) * 100 / 60)));
    }

    async capture(workletUrl, onFrame) {
      const ctx = audioContext();
      await ctx.audioWorklet.addModule(workletUrl);
      this.node = new AudioWorkletNode(ctx, "pcm-capture");
      this.node.port.onmessage = (event) => onFrame(event.data);
      this.source.connect(this.node);
      // The node must reach the destination to be pulled; a muted gain keeps it silent.
      const mute = ctx.createGain();
      mute.gain.value = 0;
      this.node.connect(mute).connect(ctx.destination);
    }
  }

  // The interviewer's voice: PCM16 sentences queued back to back; `stop(say)` silences that
  // utterance (and any earlier one) within a frame, and later sentences of it are dropped.
  class Speaker {
    constructor(onIdle) {
      this.onIdle = onIdle;
      this.sources = [];  // {source, say}
      this.end = 0;  // context time the queue runs out
      this.stoppedUpTo = 0;
      this.latest = 0;  // the newest utterance heard of
    }

    play(say, buffer, sampleRate) {
      this.latest = Math.max(this.latest, say);
      if (say <= this.stoppedUpTo) return;
      const ctx = audioContext();
      const pcm = new Int16Array(buffer);
      const audio = ctx.createBuffer(1, pcm.length, sampleRate);
      const channel = audio.getChannelData(0);
      for (let i = 0; i < pcm.length; i++) channel[i] = pcm[i] / 32768;
      const source = ctx.createBufferSource();
      source.buffer = audio;
      source.connect(ctx.destination);
      const at = Math.max(ctx.currentTime + 0.02, this.end);
      source.start(at);
      this.end = at + audio.duration;
      const entry = { source, say };
      this.sources.push(entry);
      source.onended = () => {
        this.sources = this.sources.filter((e) => e !== entry);
        this.checkIdle();
      };
    }

    stop(say) {
      this.stoppedUpTo = Math.max(this.stoppedUpTo, say);
      for (const entry of this.sources) {
        if (entry.say <= say) { try { entry.source.stop(); } catch (e) {} }
      }
      this.sources = this.sources.filter((e) => e.say > say);
      if (!this.sources.length) this.end = 0;
      this.checkIdle();
    }

    stopAll() { this.stop(this.latest); }

    // A new connection numbers its utterances from 1 again.
    reset() { this.stopAll(); this.stoppedUpTo = this.latest = 0; }

    get playing() { return this.sources.length > 0; }

    checkIdle() { if (!this.playing && this.onIdle) this.onIdle(); }

    // Resolves once nothing is playing (or after `limit` ms): the goodbye plays to its end.
    drained(limit) {
      return new Promise((resolve) => {
        const started = Date.now();
        const check = () => {
          if (!this.playing || Date.now() - started > limit) resolve();
          else setTimeout(check, 100);
        };
        check();
      });
    }
  }

  window.InterviewVoice = { audioContext, openDevices, Microphone, Speaker };
})();
