"""Sample-rate conversion with a real low-pass filter (polyphase, Kaiser-windowed sinc).

Dropping samples (or interpolating linearly) folds everything above the new Nyquist
frequency back into the speech band; Whisper then hears hiss and whistles. The filter here
passes 0–85 % of the lower Nyquist frequency flat and attenuates ≥ 80 dB from 100 % up.
`Resampler` keeps state between blocks, so a stream resampled piece by piece is identical
to the same audio resampled at once.
"""

from __future__ import annotations

import functools
import math

import numpy as np

PASSBAND = 0.85  # of the lower Nyquist frequency
ATTENUATION_DB = 80.0
BLOCK = 8192  # output samples per vectorised step (bounds the gather's memory)


@functools.cache
def polyphase_filter(up: int, down: int) -> np.ndarray:
    """The anti-aliasing filter split into `up` phases: shape (up, taps_per_phase)."""
    rate = float(up * max(up, down))  # the upsampled rate in units where the lower rate is `up`
    nyquist = up / 2.0  # the lower of the two Nyquist frequencies, same units
    transition = (1.0 - PASSBAND) * nyquist
    cutoff = (PASSBAND * nyquist + nyquist) / 2.0  # the middle of the transition band
    beta = 0.1102 * (ATTENUATION_DB - 8.7)
    width = 2 * math.pi * transition / rate
    length = int(math.ceil((ATTENUATION_DB - 8.0) / (2.285 * width))) | 1  # odd: exact centre
    n = np.arange(length) - (length - 1) / 2
    taps = 2 * cutoff / rate * np.sinc(2 * cutoff / rate * n) * np.kaiser(length, beta)
    taps *= up  # zero-stuffing divides the level by `up`
    per_phase = -(-length // up)
    padded = np.zeros(per_phase * up)
    padded[:length] = taps
    return padded.reshape(per_phase, up).T.copy()


class Resampler:
    """Converts a stream of float samples from `source` Hz to `target` Hz."""

    def __init__(self, source: int, target: int):
        divisor = math.gcd(source, target)
        self.up, self.down = target // divisor, source // divisor
        self.bank = polyphase_filter(self.up, self.down)
        self.taps = self.bank.shape[1]
        self.centre = (self.taps * self.up - 1) // 2  # filter delay in upsampled samples
        self.history = np.zeros(self.taps, dtype=np.float64)  # the start of time is silence
        self.consumed = 0  # input samples before `history[taps:]`, i.e. global index offset
        self.received = 0
        self.produced = 0

    def process(self, samples: np.ndarray) -> np.ndarray:
        samples = np.asarray(samples, dtype=np.float64)
        self.history = np.concatenate([self.history, samples])
        self.received += len(samples)
        # Output m needs input up to index (m·down + centre) // up.
        ready = (self.received * self.up - self.centre + self.down - 1) // self.down
        return self._emit(max(ready, self.produced))

    def flush(self) -> np.ndarray:
        """The last outputs, computed against trailing silence; the stream then ends."""
        total = -(-self.received * self.up // self.down)
        self.history = np.concatenate([self.history, np.zeros(self.taps + 1)])
        return self._emit(total)

    def _emit(self, until: int) -> np.ndarray:
        pieces = []
        for start in range(self.produced, until, BLOCK):
            pieces.append(self._block(np.arange(start, min(start + BLOCK, until))))
        self.produced = until
        self._forget()
        return np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)

    def _block(self, outputs: np.ndarray) -> np.ndarray:
        position = outputs * self.down + self.centre
        newest = position // self.up - self.consumed + self.taps  # index into history
        gather = newest[:, None] - np.arange(self.taps)[None, :]
        return np.einsum("ij,ij->i", self.bank[position % self.up], self.history[gather])

    def _forget(self) -> None:
        """Drop input no future output can reach (keeps a stream's memory bounded)."""
        needed = (self.produced * self.down + self.centre) // self.up - self.taps
        drop = min(needed - self.consumed, len(self.history) - self.taps)
        if drop > 0:
            self.history = self.history[drop:]
            self.consumed += drop


def resample(samples: np.ndarray, source: int, target: int) -> np.ndarray:
    """All of `samples` converted at once (float32 out)."""
    if source == target:
        return np.asarray(samples, dtype=np.float32)
    resampler = Resampler(source, target)
    return np.concatenate([resampler.process(samples), resampler.flush()])
