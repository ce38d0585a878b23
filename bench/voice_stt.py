"""Measure the speech kit on this machine: accuracy, speed, endpointing, synthesis.

    .venv/bin/python bench/voice_stt.py [--quick] [--no-one-core]

Everything is synthetic: the answers in ``bench/data/voice-answers.txt`` are spoken by Piper
(en_US-joe at three speeds) and espeak-ng (several voices and speeds), then heard by the
embedded Whisper tiny.en. Synthetic voices are cleaner and more regular than people: these
word error rates are a floor for real candidates, not an estimate of them.

Printed, in order:
1. model load times (Whisper, Piper, Silero VAD);
2. word error rate per voice/speed and overall, for Whisper with the short encoder window (the
   default) and the padded 30 s window (docs/voice.md keeps the figures of pocketsphinx, the
   former default, as history);
3. transcription time per second of audio;
4. Silero VAD cost per second of audio;
5. endpointing on answers with mid-sentence pauses (inline decodes: what an idle machine does);
6. incremental recognition fed in real time, 1 stream and 10 concurrent streams: end of speech
   → final transcript ready, and → end of turn (both at 20 ms frame resolution);
7. Piper time to first audio for a three-sentence reply, and its real-time factor;
8. (unless --no-one-core) sections 3 and 7 again pinned to one core with `taskset -c 0`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # prove nothing is fetched: a hub call would fail

from heymilo.speech.audio import float_to_pcm, pcm_to_float, read_wav  # noqa: E402
from heymilo.speech.base import SAMPLE_RATE  # noqa: E402
from heymilo.speech.resample import resample  # noqa: E402
from heymilo.speech.wer import corpus_word_error_rate as wer  # noqa: E402

ANSWERS = ROOT / "bench" / "data" / "voice-answers.txt"
PIPER_SPEEDS = {"fast": 0.8, "normal": 1.0, "slow": 1.25}  # Piper length scales
ESPEAK_VOICES = [("en-us", 140), ("en-us", 175), ("en-us", 210), ("en-gb", 175),
                 ("en-us+m3", 175), ("en-us+f2", 175), ("en-gb+f2", 160)]  # fmt: skip
QUICK_ESPEAK = [("en-us", 175), ("en-gb+f2", 160)]


# -- text ------------------------------------------------------------------------------------


def answers() -> list[str]:
    lines = ANSWERS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# -- audio -----------------------------------------------------------------------------------


def to_16k(pcm: bytes, rate: int) -> np.ndarray:
    return resample(pcm_to_float(pcm), rate, SAMPLE_RATE)


def piper_voice(length_scale: float):
    from heymilo.speech.piper_tts import PiperTextToSpeech

    voice = PiperTextToSpeech(length_scale=length_scale)
    return lambda text: to_16k(*_chunk_pcm(voice.speak(text, language="en")))


def _chunk_pcm(chunk):
    return chunk.pcm, chunk.sample_rate


def espeak_voice(name: str, speed: int):
    binary = shutil.which("espeak-ng")

    def speak(text: str) -> np.ndarray:
        wav = subprocess.run(
            [binary, "-v", name, "-s", str(speed), "--stdout", text],
            capture_output=True,
            check=True,
        ).stdout
        return to_16k(*read_wav(wav))

    return speak


def conditions(quick: bool) -> dict:
    voices = {f"piper joe {label}": piper_voice(scale) for label, scale in PIPER_SPEEDS.items()}
    for name, speed in QUICK_ESPEAK if quick else ESPEAK_VOICES:
        voices[f"espeak {name} {speed}wpm"] = espeak_voice(name, speed)
    return voices


def corpus(quick: bool) -> list[tuple[str, str, np.ndarray]]:
    texts = answers()[:12] if quick else answers()
    return [
        (label, text, speak(text)) for label, speak in conditions(quick).items() for text in texts
    ]


def loud_end(samples: np.ndarray) -> float:
    """Seconds to the last sample above -40 dBFS: where the last word really ends."""
    return (np.flatnonzero(np.abs(samples) > 0.01)[-1] + 1) / SAMPLE_RATE


def trimmed(samples: np.ndarray) -> np.ndarray:
    """Without the voice's own silence before and after the words (to within 20 ms)."""
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return samples[max(0, loud[0] - 320) : loud[-1] + 320]


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


# -- sections --------------------------------------------------------------------------------


def load_times(threads: int) -> None:
    from heymilo.speech.piper_tts import load_voice
    from heymilo.speech.vad import SileroStream
    from heymilo.speech.whisper_stt import load_model

    print("\n1. Model load (first use in this process; files already in the OS cache)")
    for name, load in (
        ("Whisper tiny.en (CTranslate2 int8)", lambda: load_model(threads=threads)),
        ("Piper en_US-joe-medium (ONNX)", lambda: load_voice(0)),
        ("Silero VAD v6 (ONNX)", SileroStream),
    ):
        started = time.perf_counter()
        load()
        print(f"   {name:<38} {time.perf_counter() - started:6.2f} s")


def recognise_all(recognizer, items) -> tuple[list, float, float]:
    results, busy, audio = [], 0.0, 0.0
    for label, text, samples in items:
        started = time.perf_counter()
        heard = recognizer.recognize(float_to_pcm(samples)).text
        busy += time.perf_counter() - started
        audio += len(samples) / SAMPLE_RATE
        results.append((label, text, heard))
    return results, busy, audio


def wer_table(title: str, results: list) -> None:
    print(f"   {title}")
    labels = list(dict.fromkeys(label for label, _, _ in results))
    for label in labels:
        pairs = [(t, h) for lab, t, h in results if lab == label]
        print(f"     {label:<28} {wer(pairs):5.1f} %  ({len(pairs)} answers)")
    print(f"     {'overall':<28} {wer([(t, h) for _, t, h in results]):5.1f} %")


def accuracy(items, threads: int) -> None:
    from heymilo.speech.whisper_stt import WhisperSpeechToText

    seconds = sum(len(s) for _, _, s in items) / SAMPLE_RATE
    print(f"\n2. Word error rate, {len(items)} synthetic answers, {seconds / 60:.1f} min of audio")
    short, busy, audio = recognise_all(WhisperSpeechToText(threads=threads), items)
    wer_table("Whisper tiny.en, encoder on the audio only (default):", short)
    subset = [i for i in items if i[0] in ("piper joe normal", "espeak en-us 175wpm")]
    full, full_busy, full_audio = recognise_all(
        WhisperSpeechToText(threads=threads, full_context=True), subset
    )
    wer_table("Whisper tiny.en, padded 30 s window (faster-whisper's own way), subset:", full)
    same = [r for r in short if r[0] in ("piper joe normal", "espeak en-us 175wpm")]
    print(f"     (default on the same subset: {wer([(t, h) for _, t, h in same]):.1f} %)")
    print("\n3. Transcription time per second of audio (whole answers, one at a time)")
    print(f"   short window: {1000 * busy / audio:5.0f} ms/s   padded 30 s window: "
          f"{1000 * full_busy / full_audio:5.0f} ms/s  (threads per decode={threads})")  # fmt: skip


def speed_only(items, threads: int) -> None:
    """Sections 3 and 7 alone (run under taskset for one-core figures)."""
    from heymilo.speech.whisper_stt import WhisperSpeechToText

    sample = items[:12]
    WhisperSpeechToText(threads=threads).recognize(float_to_pcm(sample[0][2]))  # load first
    _, busy, audio = recognise_all(WhisperSpeechToText(threads=threads), sample)
    _, full_busy, full_audio = recognise_all(
        WhisperSpeechToText(threads=threads, full_context=True), sample[:6]
    )
    print(f"   transcription: short window {1000 * busy / audio:.0f} ms per audio second, "
          f"padded window {1000 * full_busy / full_audio:.0f} ms per audio second")  # fmt: skip
    synthesis(threads=1, heading=False)


def vad_cost(items) -> None:
    from heymilo.speech.vad import SileroStream

    audio = np.concatenate([s for _, _, s in items[:40]])
    stream = SileroStream()
    started = time.perf_counter()
    for start in range(0, len(audio), 320):  # 20 ms frames, as they arrive
        stream.probabilities(audio[start : start + 320])
    busy = time.perf_counter() - started
    print("\n4. Silero VAD, fed 20 ms frames")
    print(f"   {1000 * busy / (len(audio) / SAMPLE_RATE):.2f} ms of CPU per second of audio")
    delays = [speech_start_delay(samples) for _, _, samples in items[::12]]
    print(f"   speech start (barge-in) after the first sample of the word, {len(delays)} answers: "
          f"p50 {1000 * percentile(delays, 50):.0f} ms, p95 {1000 * percentile(delays, 95):.0f} "
          f"ms, max {1000 * max(delays):.0f} ms")  # fmt: skip


def speech_start_delay(samples: np.ndarray) -> float:
    from heymilo.speech.turns import SpeechStarted, TurnDetector

    audio = np.concatenate([silence(1.0), trimmed(samples), silence(0.3)])
    onset = np.flatnonzero(np.abs(audio) > 0.02)[0] / SAMPLE_RATE
    detector = TurnDetector()
    for start in range(0, len(audio), 320):
        events = detector.push(float_to_pcm(audio[start : start + 320]))
        if any(isinstance(event, SpeechStarted) for event in events):
            return (start + 320) / SAMPLE_RATE - onset
    return float("inf")


PAUSED = [
    ("I listened to the customer and", 0.7, "I solved the problem the same day."),
    ("The hardest part was, um", 0.9, "staying calm with upset callers."),
    ("We moved every call to chat,", 0.8, "and it worked well."),
    ("Because", 1.0, "the old system was slow."),
    ("I think the best people are patient, curious and", 1.2, "honest."),
    ("I would first", 0.6, "listen to the whole complaint."),
    ("My manager said that", 0.7, "clear notes save time."),
    ("I handled about forty chats a day.", 1.0, "Most were about billing."),
]


def endpointing(speak) -> None:
    from heymilo.speech.listening import EndOfTurn, Listener
    from heymilo.speech.streaming import InlineScheduler

    print("\n5. Endpointing on answers with a pause inside (Piper joe; base silence 0.7 s;")
    print("   inline decodes, i.e. an idle machine). 'cut' = the turn ended during the pause.")
    cut, delays = 0, []
    for before, pause, after in PAUSED:
        # The voice's own lead-in and tail silence would lengthen the pause: trim them.
        first, second = trimmed(speak(before)), trimmed(speak(after))
        audio = np.concatenate([silence(0.4), first, silence(pause), second, silence(3.0)])
        speech_stops = (len(audio) - len(silence(3.0))) / SAMPLE_RATE
        listener = Listener(recognizer_options={"scheduler": InlineScheduler()})
        listener.arm()
        ends = []
        for start in range(0, len(audio), 320):
            for event in listener.push(float_to_pcm(audio[start : start + 320])):
                if isinstance(event, EndOfTurn):
                    ends.append(((start + 320) / SAMPLE_RATE, event))
        premature = [e for at, e in ends if at < speech_stops - 0.05]
        cut += bool(premature)
        final = ends[-1] if ends else None
        last_word = speech_stops - len(second) / SAMPLE_RATE + loud_end(second)
        delay = final[0] - last_word
        delays.append(delay)
        verdict = "CUT" if premature else "ok "
        print(f"   {verdict} pause {pause:.1f}s after {before!r:<54} end detected "
              f"{delay:4.2f}s after speech, silence needed {final[1].silence:.2f}s")  # fmt: skip
        if premature:
            print(f"       cut after {premature[0].silence:.2f}s of silence on "
                  f"{premature[0].transcript.text!r}")  # fmt: skip
    print(f"   cut during the pause: {cut}/{len(PAUSED)}; decision delay after the last word "
          f"p50 {statistics.median(delays):.2f} s")  # fmt: skip


def live_stream(audio: np.ndarray, stops: list[float]) -> list[tuple[int, float, float, object]]:
    """Feeds `audio` in real time to a fresh `Listener`; per answer: (index, seconds from its
    last word to the final transcript being ready, seconds to end of turn, the event)."""
    from heymilo.speech.listening import SETTLE_AFTER, EndOfTurn, Listener

    listener, ready_at, results = Listener(), {}, []
    listener.arm()
    began = time.monotonic()
    for start in range(0, len(audio), 320):
        time.sleep(max(0.0, began + start / SAMPLE_RATE - time.monotonic()))
        events = listener.push(float_to_pcm(audio[start : start + 320]))
        now = time.monotonic() - began
        paused = listener.detector.state.paused_at
        key = None if paused is None else round(paused, 3)  # as EndOfTurn.ended is rounded
        if key is not None and key not in ready_at and settled(listener, SETTLE_AFTER):
            ready_at[key] = now
        for event in events:
            if isinstance(event, EndOfTurn):
                index = int(np.argmin([abs(stop - event.ended) for stop in stops]))
                ready = ready_at.get(event.ended, now)
                results.append((index, ready - stops[index], now - stops[index], event))
                listener.arm()
    return results


def settled(listener, settle_after: float) -> bool:
    """The decode covering the current pause is back (the final transcript is ready)."""
    paused, recognizer = listener.detector.state.paused_at, listener.recognizer
    if recognizer is None or paused is None:
        return False
    return recognizer.covered() >= int((paused + settle_after - listener.started) * SAMPLE_RATE)


def build_session(speak, texts: list[str]) -> tuple[np.ndarray, list[float]]:
    """The answers with 2.5 s of silence after each; `stops` = where each last word ends."""
    pieces, stops, position = [silence(0.5)], [], 0.5
    for text in texts:
        spoken = speak(text)
        pieces += [spoken, silence(2.5)]
        stops.append(position + loud_end(spoken))
        position += len(spoken) / SAMPLE_RATE + 2.5
    return np.concatenate(pieces), stops


def incremental(speak, groups: list[list[str]]) -> None:
    """One real-time stream per group of answers, all at once (staggered by up to 2 s)."""
    sessions = [build_session(speak, texts) for texts in groups]
    results: list = []
    lock = threading.Lock()

    def run(group: int, delay: float) -> None:
        time.sleep(delay)
        found = live_stream(*sessions[group])
        with lock:
            results.extend((group, *row) for row in found)

    stagger = len(groups) > 1
    threads = [threading.Thread(target=run, args=(g, random.uniform(0, 2) if stagger else 0))
               for g in range(len(groups))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ready = [r for _, _, r, _, _ in results]
    ends = [e for _, _, _, e, _ in results]
    heard = [(groups[g][i], event.transcript.text) for g, i, _, _, event in results]
    answered = sum(len(g) for g in groups)
    print(f"   {len(groups):>2} stream(s), {len(results)}/{answered} answers ended: final "
          f"transcript ready p50 {percentile(ready, 50):.2f} s / p95 {percentile(ready, 95):.2f} s "
          f"after the last word; end of turn p50 {percentile(ends, 50):.2f} s / "
          f"p95 {percentile(ends, 95):.2f} s; WER of the finals {wer(heard):.1f} %")  # fmt: skip


def live(speak, quick: bool) -> None:
    print("\n6. Incremental recognition fed in real time (20 ms frames, shared decode workers;")
    print("   'ready' = the decode covering the pause is back; 'end of turn' adds the silence)")
    texts = answers()
    incremental(speak, [texts[:6] if quick else texts[:12]])
    incremental(speak, [texts[i * 3 : i * 3 + 3] for i in range(10)])
    from heymilo.speech.streaming import shared_scheduler

    print(f"   captions dropped for waiting over a second: {shared_scheduler().dropped}")


def synthesis(threads: int, heading: bool = True) -> None:
    from heymilo.speech.chain import VoiceChain
    from heymilo.speech.piper_tts import PiperTextToSpeech
    from heymilo.speech.sentences import split_sentences

    reply = ("Thank you, that is a really helpful example. Could you tell me how you measured "
             "whether the change worked? Please take your time.")  # fmt: skip
    chain = VoiceChain([PiperTextToSpeech(threads=threads)])
    chain.speak("Warm up.", language="en")
    firsts, totals, audio = [], [], []
    for _ in range(5):
        started, first, seconds = time.perf_counter(), None, 0.0
        for chunk in chain.stream(split_sentences(reply), language="en"):
            first = first or time.perf_counter() - started
            seconds += chunk.seconds
        firsts.append(first)
        totals.append(time.perf_counter() - started)
        audio.append(seconds)
    if heading:
        print("\n7. Piper, a three-sentence reply, five runs")
    print(f"   time to first audio p50 {1000 * statistics.median(firsts):.0f} ms; whole reply "
          f"{statistics.median(totals):.2f} s for {statistics.median(audio):.1f} s of speech, "
          f"real-time factor {statistics.median(totals) / statistics.median(audio):.2f}"
          f" (onnxruntime threads={threads or 'auto'})")  # fmt: skip


def one_core(args) -> None:
    print("\n8. One core (taskset -c 0, one thread each): transcription and Piper")
    command = ["taskset", "-c", "0", sys.executable, __file__, "--speed-only", "--threads", "1"]
    if args.quick:
        command.append("--quick")
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    print(completed.stdout.rstrip() or completed.stderr[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer voices and answers")
    parser.add_argument("--no-one-core", action="store_true")
    parser.add_argument("--speed-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help="CTranslate2 threads per decode")
    parser.add_argument("--sections", default="1,2,4,5,6,7,8", help="e.g. 5,6 (2 includes 3)")
    args = parser.parse_args()
    wanted = {int(part) for part in args.sections.split(",")}
    random.seed(14)
    if args.speed_only:
        speed_only(corpus(quick=True), args.threads)
        return
    print(f"Speech kit bench on {os.cpu_count()} cores; synthetic voices, not human speech.")
    print("Load average before: {:.2f} {:.2f} {:.2f} (other work on the machine skews timings)"
          .format(*os.getloadavg()))  # fmt: skip
    if 1 in wanted:
        load_times(args.threads)
    items = corpus(args.quick) if wanted & {2, 4} else []
    if 2 in wanted:
        accuracy(items, args.threads)
    if 4 in wanted:
        vad_cost(items)
    joe = piper_voice(1.0)
    if 5 in wanted:
        endpointing(joe)
    if 6 in wanted:
        live(joe, args.quick)
    if 7 in wanted:
        synthesis(args.threads)
    if 8 in wanted and not args.no_one_core and shutil.which("taskset"):
        one_core(args)
    print("\nLoad average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    # The decode workers are daemon threads parked inside CTranslate2; letting the interpreter
    # tear them down makes its C++ runtime abort with a confusing message. Nothing is left to do.
    os._exit(0)


if __name__ == "__main__":
    main()
