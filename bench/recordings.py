"""Recording conversion benchmark: how fast a finished interview's recording becomes MP4 / MP3.

    .venv/bin/python bench/recordings.py [--seconds 120] [--size 640x480]

Makes a webcam-like WebM (VP8 + Opus at 30 fps, what Chromium's MediaRecorder uploads) with
ffmpeg, then times `interviews.recordings.recording_convert` for the video (H.264 + AAC MP4)
and the audio (MP3), as the assembly job runs them. Prints seconds and times real time.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")

import django

django.setup()

from interviews.recordings import recording_convert  # noqa: E402


def recorded(path: Path, seconds: int, size: str) -> None:
    # testsrc2 moves every frame, so the encoder has real work (a still webcam has less).
    subprocess.run(
        [
            "ffmpeg", "-y", "-loglevel", "error",
            "-f", "lavfi", "-i", f"testsrc2=duration={seconds}:size={size}:rate=30",
            "-f", "lavfi", "-i", f"sine=frequency=300:duration={seconds}",
            "-c:v", "libvpx", "-b:v", "1M", "-deadline", "realtime", "-cpu-used", "8",
            "-c:a", "libopus", "-shortest", str(path),
        ],
        check=True,
    )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--size", default="640x480")
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is not installed (scripts/system-deps.sh installs it)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "recorded.webm"
        recorded(source, args.seconds, args.size)
        print(f"input: {args.seconds} s of {args.size} WebM, {source.stat().st_size / 1e6:.1f} MB")
        for kind, name in (("video", "video.mp4"), ("audio", "audio.mp3")):
            target = Path(tmp) / name
            started = time.perf_counter()
            assert recording_convert([source], target, kind), f"{kind} conversion failed"
            elapsed = time.perf_counter() - started
            print(
                f"{kind:<6} → {name.split('.')[1]}: {elapsed:6.1f} s, "
                f"{args.seconds / elapsed:5.1f}x real time, {target.stat().st_size / 1e6:.1f} MB"
            )
    print(f"cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
