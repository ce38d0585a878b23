"""Silero VAD v6 on a live stream: one speech probability per 32 ms window.

The model file ships inside faster-whisper (`faster_whisper/assets/silero_vad_v6.onnx`), so
nothing is downloaded. One ONNX session per process is shared by every stream (onnxruntime's
`run` is thread-safe); each stream keeps its own recurrent state and 64-sample context, which
is what makes feeding 20 ms frames give the same answers as feeding a whole file.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy as np

from heymilo.speech.base import SAMPLE_RATE

WINDOW = 512  # samples per probability at 16 kHz (32 ms), fixed by the model
CONTEXT = 64  # samples of the previous window the model sees in front of each window
WINDOW_SECONDS = WINDOW / SAMPLE_RATE
SPEECH_THRESHOLD = 0.5  # Silero's own default: above is speech
SILENCE_THRESHOLD = 0.35  # below is silence; between, the previous state holds (hysteresis)


def model_path() -> Path:
    import faster_whisper.utils

    return Path(faster_whisper.utils.get_assets_path()) / "silero_vad_v6.onnx"


@functools.cache
def _session():
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One thread: a window costs ~0.1 ms, and many streams run at once on few cores.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 4
    return onnxruntime.InferenceSession(
        os.fspath(model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )


class SileroStream:
    """Speech probabilities of one audio stream, fed in frames of any size."""

    def __init__(self) -> None:
        self.session = _session()
        self.h = np.zeros((1, 1, 128), dtype=np.float32)
        self.c = np.zeros((1, 1, 128), dtype=np.float32)
        self.context = np.zeros(CONTEXT, dtype=np.float32)
        self.leftover = np.zeros(0, dtype=np.float32)

    def probabilities(self, samples: np.ndarray) -> np.ndarray:
        """One probability per complete 512-sample window; the remainder waits for more audio."""
        samples = np.concatenate([self.leftover, np.asarray(samples, dtype=np.float32)])
        count = len(samples) // WINDOW
        self.leftover = samples[count * WINDOW :]
        if count == 0:
            return np.zeros(0, dtype=np.float32)
        windows = samples[: count * WINDOW].reshape(count, WINDOW)
        contexts = np.vstack([self.context, windows[:-1, -CONTEXT:]])
        self.context = windows[-1, -CONTEXT:].copy()
        batch = np.ascontiguousarray(np.concatenate([contexts, windows], axis=1))
        # The first axis is a sequence: the state runs through it window after window.
        output, self.h, self.c = self.session.run(None, {"input": batch, "h": self.h, "c": self.c})
        return np.asarray(output, dtype=np.float32).reshape(-1)[:count]
