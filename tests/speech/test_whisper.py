"""Embedded Whisper: accurate on clear speech, silent on silence, timed word by word, offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from heymilo.speech.audio import float_to_pcm
from heymilo.speech.base import SpeechUnavailable
from heymilo.speech.wer import word_error_rate
from heymilo.speech.whisper_stt import Span, WhisperSpeechToText, _transcript, _word_loop, model_dir
from tests.speech.conftest import silence

ANSWER = (
    "At my last job I handled about forty customer chats a day, "
    "and I always confirmed the problem before explaining the fix."
)


def test_it_transcribes_a_piper_answer_with_a_word_error_rate_under_ten_percent(whisper, say):
    transcript = whisper.recognize(float_to_pcm(say(ANSWER)))

    assert word_error_rate(ANSWER, transcript.text) <= 0.10, transcript.text
    assert transcript.provider == "whisper"


def test_it_transcribes_espeak_english_too(whisper, espeak):
    spoken = "I listened to the customer, I apologised, and I solved the problem the same day."
    transcript = whisper.recognize(float_to_pcm(espeak(spoken)))

    assert word_error_rate(spoken, transcript.text) <= 0.15, transcript.text


def test_word_timings_follow_the_audio(whisper, say):
    audio = np.concatenate([silence(1.0), say(ANSWER), silence(0.5)])
    transcript = whisper.recognize(float_to_pcm(audio))

    starts = [word.start for word in transcript.words]
    assert len(transcript.words) >= 18
    assert starts == sorted(starts)
    assert all(word.end >= word.start for word in transcript.words)
    assert 0.6 <= transcript.words[0].start <= 1.4  # the speech starts after one second
    assert transcript.words[-1].end <= len(audio) / 16_000 + 0.05


def test_silence_and_hiss_give_no_words(whisper):
    rng = np.random.default_rng(7)
    hiss = (rng.standard_normal(3 * 16_000) * 0.003).astype(np.float32)

    assert whisper.recognize(float_to_pcm(silence(3.0))).text == ""
    assert whisper.recognize(float_to_pcm(hiss)).text == ""


def test_encoding_only_the_audio_gives_the_same_words_as_a_padded_window(say):
    audio = float_to_pcm(say(ANSWER))
    short = WhisperSpeechToText().recognize(audio)
    padded = WhisperSpeechToText(full_context=True).recognize(audio)

    assert word_error_rate(padded.text, short.text) <= 0.05, (padded.text, short.text)


def test_other_languages_are_refused_so_the_chain_moves_on(whisper, say):
    with pytest.raises(SpeechUnavailable):
        whisper.recognize(float_to_pcm(say("Bonjour.")), language="fr")


OFFLINE_PROBE = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(event) if event.startswith("socket.") else None)
from heymilo.speech.audio import pcm_to_float, float_to_pcm
from heymilo.speech.base import provider
from heymilo.speech.resample import resample
chunk = provider("tts", "piper").speak("Thank you for your time.", language="en")
audio = resample(pcm_to_float(chunk.pcm), chunk.sample_rate, 16000)
print(provider("stt", "whisper").recognize(float_to_pcm(audio)).text)
print(len(opened))
"""


def test_the_models_load_from_the_installed_wheels_and_no_socket_is_ever_opened():
    folder = Path(model_dir())
    assert "site-packages" in folder.parts or "dist-packages" in folder.parts
    assert (folder / "model.bin").stat().st_size > 50_000_000
    # A fresh interpreter, watched from its first line, without HF_HUB_OFFLINE: loading both
    # models, speaking and listening must not touch the network at all.
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    completed = subprocess.run(
        [sys.executable, "-c", OFFLINE_PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=True,
    )
    text, sockets = completed.stdout.strip().splitlines()[-2:]
    assert "time" in text.lower()
    assert sockets == "0", completed.stderr[-2000:]


@pytest.mark.parametrize("reply", ["Because", "Okay.", "Yes."])
def test_a_one_word_reply_is_not_padded_with_invented_words(whisper, say, reply):
    transcript = whisper.recognize(float_to_pcm(np.concatenate([say(reply), silence(0.1)])))

    assert word_error_rate(reply, transcript.text) == 0, transcript.text


def decoded(*words: str):
    """What faster-whisper hands back for these words, one every 0.2 s."""
    from faster_whisper.transcribe import Segment, Word

    timed = [Word(0.1 + 0.2 * i, 0.25 + 0.2 * i, f" {w}", 0.9) for i, w in enumerate(words)]
    text = "".join(w.word for w in timed)
    return [Segment(0, 0, 0.0, 2.0, text, [], -0.2, 1.5, 0.01, timed, 0.0)]


def test_a_word_whisper_repeats_in_a_loop_is_kept_once_and_a_real_repeat_stays():
    loop = decoded("Yes,", "yes,", "yes,", "yes,", "yes,", "yes,", "yes,", "yes")
    said = decoded("No,", "no.", "I", "said", "no.")
    span = Span(0, 32000, 32000)

    # gzip cannot see a loop this short; the run of one word is what gives it away.
    assert _word_loop(loop) and not _word_loop(said)
    assert _transcript(loop, 2.0, "whisper", span).text == "Yes,"
    assert _transcript(said, 2.0, "whisper", span).text == "No, no. I said no."
