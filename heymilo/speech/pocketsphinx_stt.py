import functools
import threading

from heymilo.speech.base import SAMPLE_RATE

_lock = threading.Lock()


@functools.cache
def _decoder():
    from pocketsphinx import Decoder

    # The packaged en-US model: no download. Loading takes ~0.5 s, so it is done once.
    return Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")


class PocketsphinxSpeechToText:
    name = "pocketsphinx"

    def transcribe(self, pcm: bytes) -> str:
        if len(pcm) < SAMPLE_RATE // 5:  # under 0.1 s: nothing to hear
            return ""
        with _lock:  # one decoder, used by one utterance at a time
            decoder = _decoder()
            decoder.start_utt()
            decoder.process_raw(pcm[: len(pcm) - len(pcm) % 2], full_utt=True)
            decoder.end_utt()
            hypothesis = decoder.hyp()
        return hypothesis.hypstr.strip() if hypothesis else ""
