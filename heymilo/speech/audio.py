"""PCM and WAV helpers shared by the providers."""

from __future__ import annotations

import io
import struct
import wave

import numpy as np

from heymilo.speech.base import SAMPLE_RATE


def pcm_to_float(pcm: bytes) -> np.ndarray:
    """PCM16 little-endian → float32 in [-1, 1); an odd trailing byte is dropped."""
    usable = len(pcm) - len(pcm) % 2
    return np.frombuffer(pcm[:usable], dtype="<i2").astype(np.float32) / 32768.0


def float_to_pcm(samples: np.ndarray) -> bytes:
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 32767 / 32768)
    return (clipped * 32768.0).round().astype("<i2").tobytes()


def wav_bytes(pcm: bytes, sample_rate: int = SAMPLE_RATE) -> bytes:
    """A mono PCM16 WAV whose RIFF and data sizes match its samples (`wave` writes both)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm[: len(pcm) - len(pcm) % 2])
    return buffer.getvalue()


def read_wav(data: bytes) -> tuple[bytes, int]:
    """(mono PCM16, sample rate) of a WAV file.

    Streaming writers (espeak-ng --stdout, many speech servers) put a placeholder where the
    sizes go, so the chunk sizes are not trusted: the data chunk runs to the end of the file.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a RIFF/WAVE file")
    position, fmt = 12, None
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        (size,) = struct.unpack_from("<I", data, position + 4)
        body = position + 8
        if chunk_id == b"fmt ":
            fmt = struct.unpack_from("<HHIIHH", data, body)
        elif chunk_id == b"data":
            if fmt is None:
                raise ValueError("WAV data before its format")
            return _mono_pcm16(data[body:], fmt), fmt[2]
        position = body + size + (size & 1)
    raise ValueError("WAV without a data chunk")


def _mono_pcm16(payload: bytes, fmt: tuple) -> bytes:
    encoding, channels, _rate, _bytes_per_second, _align, bits = fmt
    if encoding not in (1, 0xFFFE) or bits != 16:
        raise ValueError(f"unsupported WAV encoding {encoding} with {bits} bits")
    frame = 2 * channels
    samples = np.frombuffer(payload[: len(payload) - len(payload) % frame], dtype="<i2")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1).round().astype("<i2")
    return samples.tobytes()


def duration(pcm: bytes, sample_rate: int = SAMPLE_RATE) -> float:
    return len(pcm) / 2 / sample_rate
