"""The page's capture worklet filters before it decimates (run with Node, the same JavaScript)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.speech.test_resample import level_db

WORKLET = Path(__file__).resolve().parents[2] / "static" / "interview" / "pcm-worklet.js"

SCRIPT = """
const { Downsampler } = require(process.argv[1]);
const [rate, seconds, block] = process.argv.slice(2).map(Number);
const d = new Downsampler(rate), n = rate * seconds, x = new Float32Array(n);
const tone = (f, i) => 0.5 * Math.sin(2 * Math.PI * f * i / rate);
for (let i = 0; i < n; i++) x[i] = tone(1000, i) + tone(10000, i);
const out = [];
for (let i = 0; i < n; i += block) out.push(...d.process(x.subarray(i, i + block)));
console.log(JSON.stringify(out));
"""


def downsampled(rate: int, block: int = 128) -> np.ndarray:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make test` installs npm, which brings it")
    completed = subprocess.run(
        [node, "-e", SCRIPT, str(WORKLET), str(rate), "1", str(block)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return np.array(json.loads(completed.stdout))


@pytest.mark.parametrize("rate", [48_000, 44_100])
def test_the_worklet_keeps_1_khz_and_removes_10_khz_before_it_can_alias(rate):
    out = downsampled(rate)[800:-800]

    assert level_db(out, 16_000, 1_000) == pytest.approx(20 * np.log10(0.5), abs=0.5)
    # At 16 kHz a 10 kHz tone would be heard at 16 - 10 = 6 kHz.
    assert level_db(out, 16_000, 6_000) < level_db(out, 16_000, 1_000) - 70


def test_the_worklet_gives_the_same_samples_whatever_the_block_size():
    assert np.allclose(downsampled(48_000, 128)[:15_000], downsampled(48_000, 1000)[:15_000])
