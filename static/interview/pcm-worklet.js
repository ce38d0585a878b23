// Microphone → 16 kHz mono PCM16 frames for the interview websocket (docs/voice.md).
//
// Runs in the AudioWorklet thread: `audioContext.audioWorklet.addModule(".../pcm-worklet.js")`,
// then `new AudioWorkletNode(context, "pcm-capture")`; every 20 ms the node posts an
// ArrayBuffer of 320 little-endian Int16 samples on its port (transferred, not copied).
//
// Why a real filter: taking every third sample of 48 kHz audio folds 8–24 kHz (keyboard clicks,
// fans, sibilants) down into the speech band, where the recogniser hears them as phonemes.
// `Downsampler` is a windowed-sinc (Kaiser, ~80 dB stopband) low-pass evaluated at each output
// instant, so it works for any input rate (48 000, 44 100, 16 000 …).

"use strict";

const TARGET_RATE = 16000;
const FRAME = 320; // 20 ms at 16 kHz
const PASSBAND = 0.85; // of the output's Nyquist frequency
const ATTENUATION_DB = 80;
const TABLE_STEPS = 512; // kernel samples per input sample (linear interpolation between)

function besselI0(x) {
  let sum = 1, term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

class Downsampler {
  constructor(sourceRate, targetRate = TARGET_RATE) {
    this.step = sourceRate / targetRate; // input samples per output sample
    const lower = Math.min(sourceRate, targetRate) / 2;
    const transition = (1 - PASSBAND) * lower / sourceRate; // cycles per input sample
    this.cutoff = (PASSBAND * lower + lower) / 2 / sourceRate;
    const beta = 0.1102 * (ATTENUATION_DB - 8.7);
    const taps = Math.ceil((ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * transition));
    this.halfWidth = Math.ceil(taps / 2); // input samples on each side of an output instant
    this.table = this.kernelTable(beta);
    this.history = new Float32Array(this.halfWidth); // input still needed; silence before start
    this.origin = -this.halfWidth; // input index of history[0]
    this.next = 0; // input position (fractional) of the next output sample
  }

  kernelTable(beta) {
    // h(x) for x in [0, halfWidth] input samples (the kernel is symmetric); it sums to 1 over
    // unit-spaced samples, so speech keeps its level.
    const size = this.halfWidth * TABLE_STEPS + 2;
    const table = new Float32Array(size);
    const norm = besselI0(beta);
    for (let i = 0; i < size; i++) {
      const x = i / TABLE_STEPS;
      const r = x / (this.halfWidth + 1);
      const window = r < 1 ? besselI0(beta * Math.sqrt(1 - r * r)) / norm : 0;
      const arg = 2 * this.cutoff * x;
      const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
      table[i] = 2 * this.cutoff * sinc * window;
    }
    return table;
  }

  kernel(distance) {
    const position = Math.abs(distance) * TABLE_STEPS;
    const index = Math.floor(position);
    if (index + 1 >= this.table.length) return 0;
    const fraction = position - index;
    return this.table[index] * (1 - fraction) + this.table[index + 1] * fraction;
  }

  // Input samples in, as many 16 kHz samples out as the input allows (the rest waits).
  process(input) {
    const joined = new Float32Array(this.history.length + input.length);
    joined.set(this.history);
    joined.set(input, this.history.length);
    const available = this.origin + joined.length; // input index one past the newest sample
    const out = [];
    while (Math.floor(this.next) + this.halfWidth < available) {
      const centre = this.next;
      const first = Math.ceil(centre - this.halfWidth);
      const last = Math.floor(centre + this.halfWidth);
      let sum = 0;
      for (let i = first; i <= last; i++) {
        const j = i - this.origin;
        if (j >= 0) sum += joined[j] * this.kernel(centre - i);
      }
      out.push(sum);
      this.next += this.step;
    }
    const keepFrom = Math.max(0, Math.ceil(this.next - this.halfWidth) - this.origin);
    this.history = joined.slice(keepFrom);
    this.origin += keepFrom;
    return Float32Array.from(out);
  }
}

function toInt16(samples) {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    out[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
  }
  return out;
}

if (typeof registerProcessor === "function") {
  class PcmCapture extends AudioWorkletProcessor {
    constructor() {
      super();
      // `sampleRate` is the AudioWorkletGlobalScope's: the context's rate.
      this.downsampler = new Downsampler(sampleRate);
      this.pending = new Float32Array(0);
    }

    process(inputs) {
      const channel = inputs[0] && inputs[0][0];
      if (!channel) return true; // no microphone yet (or muted): keep the node alive
      const fresh = this.downsampler.process(channel);
      const joined = new Float32Array(this.pending.length + fresh.length);
      joined.set(this.pending);
      joined.set(fresh, this.pending.length);
      let start = 0;
      for (; start + FRAME <= joined.length; start += FRAME) {
        const frame = toInt16(joined.subarray(start, start + FRAME));
        this.port.postMessage(frame.buffer, [frame.buffer]);
      }
      this.pending = joined.slice(start);
      return true;
    }
  }
  registerProcessor("pcm-capture", PcmCapture);
}

if (typeof module !== "undefined") module.exports = { Downsampler, toInt16, FRAME, TARGET_RATE };
