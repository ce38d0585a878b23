"""Speaking: Piper first, espeak-ng behind it, sentence by sentence, in WAVs that tell the truth."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import time
import wave

import pytest
from django.core.files.storage import FileSystemStorage

from heymilo.speech.audio import float_to_pcm, pcm_to_float, read_wav
from heymilo.speech.base import provider
from heymilo.speech.cache import SpeechCache
from heymilo.speech.chain import VoiceChain
from heymilo.speech.resample import resample
from heymilo.speech.sentences import SentenceBuffer, split_sentences
from heymilo.speech.wer import word_error_rate

REPLY = (
    "Thank you, that is a helpful example. "
    "Could you tell me how you measured the result? "
    "Take your time."
)


def header_sizes(wav: bytes) -> tuple[int, int]:
    """(RIFF size, data size) as written in the header."""
    riff = struct.unpack_from("<I", wav, 4)[0]
    data = wav.index(b"data")
    return riff, struct.unpack_from("<I", wav, data + 4)[0]


def test_piper_speaks_english_at_22050_hz(piper):
    chunk = piper.speak("Thank you for joining me today.", language="en")

    assert chunk.provider == "piper" and chunk.sample_rate == 22_050
    assert 1.0 < chunk.seconds < 4.0


def test_what_piper_says_is_what_whisper_hears(piper, whisper):
    chunk = piper.speak("Could you tell me how you measured the result?", language="en")
    heard = whisper.recognize(float_to_pcm(resample(pcm_to_float(chunk.pcm), 22_050, 16_000)))

    assert word_error_rate(chunk.text, heard.text) <= 0.1, heard.text


def test_the_whole_reply_is_a_wav_whose_header_lengths_are_right(settings):
    settings.TEXT_TO_SPEECH = "piper"
    from heymilo.speech import get_tts

    wav = get_tts().synthesize(REPLY, language="en")

    riff, data = header_sizes(wav)
    assert riff == len(wav) - 8
    assert data == len(wav) - wav.index(b"data") - 8
    with wave.open(io.BytesIO(wav)) as parsed:
        assert parsed.getframerate() == 22_050
        assert parsed.getnframes() * 2 == data
        assert 4.0 < parsed.getnframes() / 22_050 < 12.0


def test_espeak_output_with_placeholder_sizes_is_rewritten_with_real_ones():
    raw = subprocess.run(
        [shutil.which("espeak-ng"), "-v", "en-us", "-s", "165", "--stdout", "Hello there."],
        capture_output=True,
        check=True,
    ).stdout
    assert header_sizes(raw)[1] != len(raw) - raw.index(b"data") - 8  # espeak's placeholder

    chunk = provider("tts", "espeak-ng").speak("Hello there.", language="en")
    wav = VoiceChain([provider("tts", "espeak-ng")]).synthesize("Hello there.", language="en")

    assert read_wav(raw)[0] == chunk.pcm
    riff, data = header_sizes(wav)
    assert (riff, data) == (len(wav) - 8, len(chunk.pcm))


def test_a_language_piper_cannot_speak_falls_back_to_espeak():
    chain = VoiceChain.named("piper")

    english = chain.speak("Good morning.", language="en")
    french = chain.speak("Bonjour, merci d'être venu.", language="fr")

    assert english.provider == "piper"
    assert french.provider == "espeak-ng"


def test_a_remote_voice_that_is_down_falls_back_to_piper(settings):
    settings.AI_BASE_URL = "http://127.0.0.1:9/v1"  # discard port: nothing listens
    settings.AI_MAX_RETRIES, settings.AI_TIMEOUT = 0, 2
    chain = VoiceChain.named("openai")

    assert [p.name for p in chain.providers] == ["openai", "piper", "espeak-ng"]
    assert chain.speak("Good morning.", language="en", voice="alloy").provider == "piper"


def test_no_voice_at_all_means_text_only():
    assert VoiceChain([]).synthesize("Hello.", language="en") is None


def test_the_first_sentence_is_ready_before_the_rest_is_made():
    chain = VoiceChain.named("piper")
    buffer = SentenceBuffer()
    deltas = ["Thank you, that", " is a helpful example. Could you tell", " me how you measured",
              " the result? Take your", " time."]  # fmt: skip
    spoken, fed = [], []

    def sentences():
        for delta in deltas:
            fed.append(delta)
            yield from buffer.feed(delta)
        yield from buffer.flush()

    for chunk in chain.stream(sentences(), language="en"):
        spoken.append((chunk.text, len(fed)))

    assert [text for text, _ in spoken] == split_sentences(REPLY)
    assert spoken[0][1] == 2  # spoken after two deltas, before the rest of the text existed


def test_a_sentence_buffer_does_not_cut_numbers_or_abbreviations():
    buffer = SentenceBuffer()

    assert buffer.feed("We grew 3.5 times, e.g. in Q2. Dr. Smith") == [
        "We grew 3.5 times, e.g. in Q2."
    ]
    assert buffer.feed(" agreed! Next") == ["Dr. Smith agreed!"]
    assert buffer.flush() == ["Next"]


def test_a_run_on_sentence_is_cut_at_a_comma_so_audio_starts_early():
    run_on = ", ".join(["we checked the logs and the metrics"] * 8) + "."

    pieces = split_sentences(run_on)

    assert len(pieces) >= 2 and all(len(p) <= 230 for p in pieces)
    assert " ".join(pieces) == run_on


def test_fixed_lines_rendered_ahead_are_served_from_the_cache(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    cache = SpeechCache(VoiceChain.named("piper"), storage=storage)

    made = cache.prerender(["Welcome to the interview. Let us begin."], language="en")
    started = time.perf_counter()
    chunk = SpeechCache(VoiceChain.named("piper"), storage=storage).speak(
        "Let us begin.", language="en"
    )

    assert made == 2
    assert chunk.cached and chunk.provider == "piper" and chunk.text == "Let us begin."
    assert time.perf_counter() - started < 0.05
    assert len(list((tmp_path / "speech-cache").iterdir())) == 2


def test_a_fallback_voice_is_never_cached(tmp_path):
    cache = SpeechCache(VoiceChain.named("piper"), storage=FileSystemStorage(location=tmp_path))

    first = cache.speak("Bonjour.", language="fr")
    second = cache.speak("Bonjour.", language="fr")

    assert first.provider == second.provider == "espeak-ng"
    assert not second.cached


@pytest.mark.parametrize("voice", ["en-us", "en-gb+f2"])
def test_espeak_voices_are_selectable(voice):
    chunk = provider("tts", "espeak-ng").speak("Hello.", language="en", voice=voice)
    assert chunk.seconds > 0.3
