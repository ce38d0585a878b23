"""Turn detection on real synthetic speech: patient mid-sentence, prompt after a finished one."""

from __future__ import annotations

import numpy as np
import pytest

from heymilo.speech.audio import float_to_pcm
from heymilo.speech.listening import Caption, EndOfTurn, Listener
from heymilo.speech.streaming import InlineScheduler
from heymilo.speech.turns import (
    LongSilence,
    SpeechStarted,
    TurnDetector,
    TurnSettings,
    required_silence,
    sentence_state,
)
from heymilo.speech.wer import word_error_rate
from tests.speech.conftest import silence, speech_end, speech_onset

FRAME = 320  # 20 ms, what the page's worklet sends


def listen(audio: np.ndarray, *, settings=None, frame=FRAME, armed=True) -> list:
    """Every event of a Listener fed `audio` in frames; decodes run inline, so the events
    are those of an idle machine, however fast the test pushes."""
    listener = Listener(settings=settings, recognizer_options={"scheduler": InlineScheduler()})
    if armed:
        listener.arm()
    events = []
    for start in range(0, len(audio), frame):
        events += listener.push(float_to_pcm(audio[start : start + frame]))
    return events


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


@pytest.mark.parametrize(
    "text, state",
    [
        ("I listened to the customer and", "unfinished"),
        ("I listened to the customer. And", "unfinished"),  # Whisper's stray period
        ("It was hard because um", "unfinished"),
        ("First, I checked the logs,", "unfinished"),
        ("Then I waited…", "unfinished"),
        ("I solved it the same day.", "finished"),
        ("Did that answer your question?", "finished"),
        ("I solved it the same day", "unknown"),
        ("I would first.", "unknown"),  # a full stop on a fragment is not a finished sentence
        ("Yes. I would first.", "unknown"),
        ("The hardest part was, umm...", "unfinished"),
        ("So I, uhh", "unfinished"),
        ("", "unknown"),
    ],
)
def test_the_words_so_far_say_whether_a_sentence_is_finished(text, state):
    assert sentence_state(text) == state


def test_the_silence_needed_is_longest_after_a_conjunction_and_shortest_after_a_full_stop():
    settings = TurnSettings(base_silence=0.8)
    finished = required_silence("I solved it the same day.", settings)
    neutral = required_silence("I solved it the same day", settings)
    unfinished = required_silence("I solved it the same day and", settings)

    assert finished < neutral < unfinished
    assert neutral == 0.8
    assert unfinished <= settings.max_silence


def test_a_speaker_who_pauses_long_gets_more_patience():
    settings = TurnSettings(base_silence=0.8)

    done = "I solved it the same day."
    assert required_silence(done, settings, usual_pause=1.2) == pytest.approx(1.44)
    assert required_silence(done, settings, usual_pause=9.0) == settings.max_silence


def test_the_posting_setting_is_clamped_to_sane_bounds():
    assert TurnSettings.for_posting(0.05).base_silence == 0.4
    assert TurnSettings.for_posting(1.2).base_silence == 1.2
    assert TurnSettings.for_posting(60).base_silence == 3.0
    assert TurnSettings.for_posting(None).base_silence == TurnSettings().base_silence


def test_a_700_ms_pause_after_and_does_not_end_the_turn(say):
    first, second = say("I listened to the customer and"), say("I solved the problem the same day.")
    audio = np.concatenate([silence(0.4), first, silence(0.7), second, silence(2.0)])
    resumed_at = (len(audio) - len(second) - len(silence(2.0))) / 16_000

    events = listen(audio)

    ends = of(EndOfTurn, events)
    assert len(ends) == 1, events
    assert ends[0].ended > resumed_at  # not during the pause
    assert (
        word_error_rate(
            "I listened to the customer and I solved the problem the same day",
            ends[0].transcript.text,
        )
        <= 0.2
    ), ends[0].transcript.text


def test_a_finished_sentence_ends_the_turn_after_about_the_base_silence(say):
    answer = say("I solved the problem the same day.")
    audio = np.concatenate([silence(0.4), answer, silence(2.5)])
    spoken_until = 0.4 + speech_end(answer)
    settings = TurnSettings(base_silence=0.8)

    listener = Listener(settings=settings, recognizer_options={"scheduler": InlineScheduler()})
    listener.arm()
    decided_at = None
    for start in range(0, len(audio), FRAME):
        if of(EndOfTurn, listener.push(float_to_pcm(audio[start : start + FRAME]))):
            decided_at = (start + FRAME) / 16_000
            break

    assert decided_at is not None
    waited = decided_at - spoken_until
    assert 0.5 <= waited <= 0.8 + 0.25, waited  # the VAD hears the end within ~100 ms


def test_speech_start_is_reported_within_300_ms_of_the_first_word(say, espeak):
    for voice in (say("Sorry, may I ask something?"), espeak("Sorry, may I ask something?")):
        audio = np.concatenate([silence(1.0), voice, silence(0.5)])
        onset = speech_onset(audio)

        detector = TurnDetector()
        heard_at = None
        for start in range(0, len(audio), FRAME):
            if of(SpeechStarted, detector.push(float_to_pcm(audio[start : start + FRAME]))):
                heard_at = (start + FRAME) / 16_000  # when the event leaves the detector
                break

        assert heard_at is not None
        assert 0 <= heard_at - onset <= 0.3, heard_at - onset


def test_frame_size_does_not_change_the_events(say):
    audio = np.concatenate([silence(0.3), say("Yes, I have led a small team."), silence(1.5)])

    def summary(frame):
        return [(type(e).__name__, getattr(e, "at", None)) for e in listen(audio, frame=frame)
                if not isinstance(e, Caption | EndOfTurn)]  # fmt: skip

    assert summary(320) == summary(4096)


def test_a_long_silence_earns_a_gentle_prompt_not_an_end_of_turn():
    settings = TurnSettings(prompt_after=4.0)

    events = listen(silence(9.0), settings=settings)

    prompts = of(LongSilence, events)
    assert [round(p.seconds) for p in prompts] == [4, 8]
    assert of(EndOfTurn, events) == [] and of(SpeechStarted, events) == []


def test_no_prompt_while_the_interviewer_has_the_turn():
    assert (
        of(LongSilence, listen(silence(6.0), settings=TurnSettings(prompt_after=2.0), armed=False))
        == []
    )


def test_captions_grow_while_the_candidate_speaks(say):
    answer = say("At my last job I handled about forty customer chats every single day.")
    events = listen(np.concatenate([silence(0.3), answer, silence(1.5)]))

    captions = [c.text for c in of(Caption, events)]
    assert len(captions) >= 3
    assert len(captions[0].split()) < len(captions[-1].split())


def test_done_ends_the_answer_at_once_mid_sentence(say):
    listener = Listener(recognizer_options={"scheduler": InlineScheduler()})
    listener.arm()
    audio = np.concatenate([silence(0.3), say("I would start by asking the customer what")])
    for start in range(0, len(audio), FRAME):
        listener.push(float_to_pcm(audio[start : start + FRAME]))

    ended = listener.finish_now()

    assert ended is not None and ended.silence == 0.0
    assert "customer" in ended.transcript.text.lower()
    assert listener.finish_now() is None  # the answer is gone; nothing to end twice


def test_an_interruption_becomes_the_start_of_the_answer(say):
    """The candidate talks over the interviewer; the page stops the audio and the listener is
    armed mid-sentence: the words before and after arming are one answer."""
    audio = np.concatenate(
        [silence(0.5), say("Sorry, could you say that again, I did not catch it."), silence(2.0)]
    )
    listener = Listener(recognizer_options={"scheduler": InlineScheduler()})  # not armed
    events = []
    for start in range(0, len(audio), FRAME):
        events += listener.push(float_to_pcm(audio[start : start + FRAME]))
        heard = of(SpeechStarted, events)
        if heard and not listener.armed and start / 16_000 >= heard[0].at + 1.0:
            listener.arm()  # the consumer reacts a second into the interruption

    ends = of(EndOfTurn, events)
    assert len(ends) == 1 and ends[0].armed
    assert (
        word_error_rate(
            "Sorry, could you say that again, I did not catch it.", ends[0].transcript.text
        )
        <= 0.2
    ), ends[0].transcript.text


def test_hiss_and_clicks_do_not_start_a_turn():
    rng = np.random.default_rng(11)
    noise = (rng.standard_normal(5 * 16_000) * 0.003).astype(np.float32)
    for at in (8_000, 30_000, 52_000):  # three sharp clicks (a desk, a keyboard)
        noise[at : at + 80] += 0.6 * np.hanning(80).astype(np.float32)

    detector = TurnDetector()
    events = [e for start in range(0, len(noise), FRAME)
              for e in detector.push(float_to_pcm(noise[start : start + FRAME]))]  # fmt: skip

    assert of(SpeechStarted, events) == []
