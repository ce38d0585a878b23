"""Real media made with ffmpeg and espeak-ng for the tests."""

import shutil
import subprocess
from pathlib import Path


def require(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: `make test` installs it (apt)."
    return path


def webm(path: Path, seconds: int = 4) -> bytes:
    """A short real WebM (VP8 test pattern + Opus tone)."""
    subprocess.run(
        [
            require("ffmpeg"),
            "-y",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"testsrc=duration={seconds}:size=160x120:rate=10",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-c:v",
            "libvpx",
            "-b:v",
            "100k",
            "-c:a",
            "libopus",
            "-shortest",
            str(path),
        ],
        check=True,
        timeout=60,
    )
    return path.read_bytes()


def spoken(text: str, target: Path, *ffmpeg_output_args: str) -> Path:
    """`text` spoken by espeak-ng, converted by ffmpeg with the given output options."""
    wav = target.with_name(target.stem + "-espeak.wav")
    subprocess.run(
        [require("espeak-ng"), "-w", str(wav), "-s", "140", text], check=True, timeout=30
    )
    subprocess.run(
        [
            require("ffmpeg"),
            "-y",
            "-loglevel",
            "error",
            "-i",
            str(wav),
            *ffmpeg_output_args,
            str(target),
        ],
        check=True,
        timeout=30,
    )
    return target


def spoken_pcm(text: str, workdir: Path) -> bytes:
    """`text` as 16 kHz mono PCM16, what the page streams."""
    pcm = spoken(text, workdir / "speech.pcm", "-ar", "16000", "-ac", "1", "-f", "s16le")
    return pcm.read_bytes()


def probe(path: Path, entries: str) -> str:
    """ffprobe's values for `entries` ("format=duration", "stream=codec_name"), one a line."""
    completed = subprocess.run(
        [require("ffprobe"), "-v", "error", "-show_entries", entries,
         "-of", "default=nw=1:nk=1", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )  # fmt: skip
    return completed.stdout


def duration_seconds(path: Path) -> float:
    return float(probe(path, "format=duration").strip())


def codecs(path: Path) -> list[str]:
    """The codec of each stream in a media file, in order ("h264", "aac", "mp3", …)."""
    return probe(path, "stream=codec_name").split()


def piper_pcm(text: str, *, pause_before: float = 0.0, length_scale: float | None = None) -> bytes:
    """`text` spoken by Piper (the product's own voice), as 16 kHz mono PCM16 without the
    voice's edge silence, after `pause_before` seconds of silence."""
    import numpy as np

    from heymilo.speech.audio import float_to_pcm, pcm_to_float
    from heymilo.speech.base import SAMPLE_RATE
    from heymilo.speech.piper_tts import PiperTextToSpeech
    from heymilo.speech.resample import resample

    chunk = PiperTextToSpeech(length_scale=length_scale).speak(text, language="en")
    samples = resample(pcm_to_float(chunk.pcm), chunk.sample_rate, SAMPLE_RATE)
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    samples = samples[max(0, loud[0] - 800) : loud[-1] + 800]
    silence = np.zeros(int(pause_before * SAMPLE_RATE), dtype=np.float32)
    return float_to_pcm(np.concatenate([silence, samples]))


def silence_pcm(seconds: float) -> bytes:
    return b"\x00\x00" * int(seconds * 16000)
