"""The server-side resampler filters before it decimates: nothing above the new Nyquist survives."""

from __future__ import annotations

import numpy as np
import pytest

from heymilo.speech.resample import Resampler, resample


def level_db(samples: np.ndarray, rate: int, frequency: float) -> float:
    """Level of a tone in `samples` relative to full scale, read off a windowed FFT."""
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window)) / (window.sum() / 2)
    bins = np.fft.rfftfreq(len(samples), 1 / rate)
    near = np.abs(bins - frequency) <= 30
    return 20 * np.log10(spectrum[near].max() + 1e-12)


def tone(frequency: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    return np.sin(2 * np.pi * frequency * np.arange(int(rate * seconds)) / rate).astype(np.float32)


def test_48k_to_16k_keeps_speech_and_removes_what_would_alias():
    mixed = 0.5 * tone(1_000, 48_000) + 0.5 * tone(10_000, 48_000)

    out = resample(mixed, 48_000, 16_000)[800:-800]

    assert level_db(out, 16_000, 1_000) == pytest.approx(20 * np.log10(0.5), abs=0.5)
    # 10 kHz would fold to 6 kHz; it is ≥ 80 dB down (below the 1 kHz tone by that much).
    assert level_db(out, 16_000, 6_000) < level_db(out, 16_000, 1_000) - 80


def test_dropping_samples_instead_would_fail_the_same_check():
    naive = tone(10_000, 48_000)[::3]
    assert level_db(naive[800:-800], 16_000, 6_000) > -6  # the alias is as loud as the tone


@pytest.mark.parametrize("source, target", [(48_000, 16_000), (22_050, 16_000), (16_000, 48_000)])
def test_a_stream_resampled_in_pieces_equals_one_pass_and_has_the_exact_length(source, target):
    rng = np.random.default_rng(3)
    signal = rng.uniform(-0.5, 0.5, source * 2).astype(np.float32)
    resampler = Resampler(source, target)
    pieces = [resampler.process(signal[i : i + 977]) for i in range(0, len(signal), 977)]
    streamed = np.concatenate([*pieces, resampler.flush()])

    whole = resample(signal, source, target)

    assert len(whole) == len(streamed) == len(signal) * target // source
    assert np.allclose(streamed, whole, atol=1e-6)


def test_piper_rate_to_whisper_rate_passes_the_speech_band_flat():
    for frequency in (300, 3_000, 6_500):
        out = resample(tone(frequency, 22_050), 22_050, 16_000)[800:-800]
        assert level_db(out, 16_000, frequency) == pytest.approx(0.0, abs=0.3)
