import array
import functools
import math
import sys
import threading

from heymilo.speech.base import SAMPLE_RATE

_lock = threading.Lock()
# Below this RMS (of 32768) there is no voice to find; the decoder would invent a word.
SILENCE_RMS = 120


def rms(pcm: bytes) -> float:
    samples = array.array("h", pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return 0.0
    return math.sqrt(sum(sample * sample for sample in samples) / len(samples))


@functools.cache
def _decoder():
    from pocketsphinx import Decoder

    # The packaged en-US model: no download. Loading takes ~0.5 s, so it is done once.
    return Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")


class PocketsphinxSpeechToText:
    name = "pocketsphinx"

    def transcribe(self, pcm: bytes) -> str:
        if len(pcm) < SAMPLE_RATE // 5 or rms(pcm) < SILENCE_RMS:  # too short or silent
            return ""
        with _lock:  # one decoder, used by one utterance at a time
            decoder = _decoder()
            decoder.start_utt()
            decoder.process_raw(pcm[: len(pcm) - len(pcm) % 2], full_utt=True)
            decoder.end_utt()
            hypothesis = decoder.hyp()
        return hypothesis.hypstr.strip() if hypothesis else ""
