import shutil
import subprocess

LANGUAGES = {"en": "en-us", "es": "es", "fr": "fr-fr", "de": "de", "pt": "pt"}


class EspeakTextToSpeech:
    name = "espeak-ng"

    def synthesize(self, text: str, *, language: str, voice: str = "") -> bytes | None:
        binary = shutil.which("espeak-ng")
        if binary is None:
            return None  # the page falls back to captions only
        lang = voice or LANGUAGES.get(language.split("-")[0], "en-us")
        completed = subprocess.run(
            [binary, "-v", lang, "-s", "165", "--stdout", text],
            capture_output=True,
            timeout=30,
            check=False,
        )
        return completed.stdout if completed.returncode == 0 and completed.stdout else None
