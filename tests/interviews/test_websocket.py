"""The interview protocol over a real websocket, against the real ASGI app."""

import json

import pytest
from django.conf import settings
from redis import Redis

from candidates.models import Interview
from candidates.services.ingest import candidate_ingest
from interviews.models import Turn
from interviews.services import interview_consent
from postings.models import Posting
from tests.factories import make_posting
from tests.interviews.conftest import ready_interview

pytestmark = pytest.mark.django_db(transaction=True)

STRONG = (
    "At my last job a customer was furious because her order was two weeks late. I listened, "
    "apologised, offered a 20% discount and expedited shipping, then followed up the next day. "
    "She renewed for another year and left a five star review."
)


def test_the_interviewer_greets_by_name_and_asks_the_first_question(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    state = ws.expect("state")
    assert state["status"] == "in_progress" and state["progress"]["total"] == 5
    turn = ws.interviewer_turn()["turn"]
    assert turn["kind"] == "greeting" and turn["question_id"] == "Q001"
    assert "Priya" in turn["text"] and "Sarah" in turn["text"] and "BrightDesk" in turn["text"]
    assert "".join(ws.deltas) == turn["text"]  # the text streamed before it was final
    interview.refresh_from_db()
    assert interview.status == "in_progress" and interview.started_at is not None


def test_the_greeting_says_the_overviews_as_their_delivery_modes_ask(owner, open_socket):
    interview = ready_interview(
        owner.workspace,
        company_overview="BrightDesk makes helpdesk software. It has 5,000 customers. It is old.",
        company_overview_delivery_mode="summarized_delivery",
        job_overview="The team lead reviews every ticket you close.",
        job_overview_delivery_mode="reference_only",
        interview_process_overview="This takes about fifteen minutes.",
        interview_process_overview_delivery_mode="exact_delivery",
    )
    ws = open_socket(interview.public_id)
    text = ws.interviewer_turn()["turn"]["text"]
    said = "BrightDesk makes helpdesk software. It has 5,000 customers. "
    assert said + "This takes about fifteen minutes. I'll ask you" in text
    assert "It is old" not in text and "team lead" not in text
    assert text.endswith(interview.posting.questions.order_by("rank").first().text)


def test_an_answer_is_persisted_before_it_is_acknowledged(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    message_id = ws.answer(STRONG)
    ack = ws.expect("ack", id=message_id)
    stored = Turn.objects.get(interview=interview, seq=ack["turn"]["seq"])
    assert stored.text == STRONG and stored.question_public_id == "Q001"


@pytest.mark.skipif(not settings.REDIS_URL, reason="the channel layer is on Redis")
def test_an_emptied_redis_does_not_keep_the_reply_from_the_candidate(owner, open_socket):
    """A Redis restarted without persistence forgets every group: this socket is in none until
    it rejoins, and its own interviewer's turn must reach it all the same."""
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    Redis.from_url(settings.REDIS_URL).flushdb()
    ws.expect("ack", id=ws.answer(STRONG))
    reply = ws.interviewer_turn()["turn"]
    assert reply["speaker"] == "interviewer" and reply["seq"] == 3


def test_a_retransmitted_message_creates_no_second_turn(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    first = ws.expect("ack", id=ws.answer(STRONG, "m-1"))
    ws.interviewer_turn()
    again = ws.expect("ack", id=ws.answer(STRONG, "m-1"))
    assert again["turn"]["seq"] == first["turn"]["seq"]
    assert interview.turns.filter(speaker="candidate").count() == 1


@pytest.mark.parametrize(
    "frame,code",
    [
        ("not json", "malformed"),
        ("[1, 2]", "malformed"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "answer", "text": "hi"}', "malformed"),
        ('{"type": "answer", "id": "x", "text": 5}', "malformed"),
        ('{"type": "answer", "id": "x", "text": "   "}', "empty_answer"),
        (json.dumps({"type": "answer", "id": "x", "text": "a" * 70000}), "frame_too_large"),
        (json.dumps({"type": "answer", "id": "x", "text": "a" * 6000}), "answer_too_long"),
        (b"\x00\x01", "voice_off"),
    ],
)
def test_bad_frames_get_an_error_and_the_session_survives(owner, open_socket, frame, code):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    ws.send(frame)
    assert ws.expect("error")["code"] == code
    ws.send({"type": "ping"})
    ws.expect("pong")
    ws.expect("ack", id=ws.answer(STRONG))


def test_could_you_repeat_that_repeats_the_question(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    question = ws.interviewer_turn()["turn"]["text"]
    ws.answer("Sorry, could you repeat that?")
    repeat = ws.interviewer_turn()["turn"]
    assert repeat["kind"] == "repeat" and repeat["question_id"] == "Q001"
    assert "unhappy customer" in repeat["text"] and "unhappy customer" in question


def test_a_reconnect_resumes_at_the_same_point(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    ws.answer(STRONG)
    follow_up = ws.interviewer_turn()["turn"]
    ws.close()
    again = open_socket(interview.public_id)
    state = again.expect("state")
    assert state["awaiting"] == "answer"
    assert state["transcript"][-1] == follow_up
    assert [t["seq"] for t in state["transcript"]] == [1, 2, 3]


def test_follow_ups_stay_within_the_questions_bounds(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    kinds = []
    for _ in range(4):
        ws.answer("I don't know.")
        turn = ws.interviewer_turn()["turn"]
        kinds.append((turn["kind"], turn["question_id"]))
        if turn["question_id"] != "Q001":
            break
    # Q001 allows one to two follow-ups; a vague answer gets at least one and never three.
    follow_ups = [kind for kind, qid in kinds if qid == "Q001" and kind == "follow_up"]
    assert 1 <= len(follow_ups) <= 2
    assert kinds[-1] == ("question", "Q002")


def play_to_the_end(ws, answer: str = STRONG) -> dict:
    ws.interviewer_turn()
    while True:
        ws.answer(answer)
        message = ws.interviewer_turn()
        if message["turn"]["kind"] == "closing":
            return message


def test_the_whole_interview_ends_politely_and_gets_scored(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    closing = play_to_the_end(ws)
    assert "Thank you" in closing["turn"]["text"]
    ws.expect("finished")
    interview.refresh_from_db()
    assert interview.status == "completed" and interview.score is not None
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    web = data["web_interview"]
    assert [row["question_id"] for row in web["scorecard"]] == [
        "Q001",
        "Q002",
        "Q003",
        "Q004",
        "Q005",
    ]
    assert all(1 <= row["evaluation_score"] <= 5 for row in web["scorecard"])
    assert web["scorecard"][0]["chat_transcript"][0]["speaker"] == "interviewer"
    assert web["transcript"][0]["timestamp_str"] == "00:00:00"
    assert web["provenance"]["engine"] == "local"
    assert data["workflow"]["steps"] == [
        {
            "id": "web_interview",
            "order": 1,
            "status": "complete",
            "started": True,
            "completed": True,
        }
    ]


def test_a_finished_interview_refuses_new_answers(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    play_to_the_end(ws)
    ws.answer("One more thing!")
    assert ws.expect("error")["code"] == "finished"
    late = open_socket(interview.public_id)
    assert late.expect("error")["code"] == "finished"


def test_an_unknown_interview_is_refused(open_socket, db):
    ws = open_socket("FFFFFFFFFFFFFFFF")
    assert ws.expect("error")["code"] == "unknown_interview"


def test_a_mandatory_resume_cannot_be_bypassed_over_the_socket(owner, open_socket):
    interview = ready_interview(owner.workspace, "sales")
    interview.posting.steps.filter(type="resume").update(config={"optional": False})
    ws = open_socket(interview.public_id)
    assert ws.expect("error")["code"] == "resume_required"
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PENDING


def test_two_tabs_see_the_same_dialogue_and_no_double_reply(owner, open_socket):
    interview = ready_interview(owner.workspace)
    first = open_socket(interview.public_id)
    first.interviewer_turn()
    second = open_socket(interview.public_id)
    second.expect("state")
    first.expect("inactive")  # the newest tab holds the answer box; the other is told
    refused = first.answer(STRONG)
    assert first.expect("error", id=refused)["code"] == "inactive_tab"
    second.expect("ack", id=second.answer(STRONG))
    reply = second.interviewer_turn()["turn"]
    assert first.interviewer_turn()["turn"] == reply
    assert interview.turns.filter(speaker="candidate").count() == 1
    assert interview.turns.filter(speaker="interviewer").count() == 2
    first.send({"type": "claim"})  # "continue in this tab"
    second.expect("inactive")
    first.expect("ack", id=first.answer(STRONG))


def test_only_one_answer_is_stored_per_interviewer_turn(owner):
    from heymilo.errors import Conflict
    from interviews import services
    from interviews.playthrough import interviewer_speaks

    interview = services.interview_start(interview=ready_interview(owner.workspace))
    with pytest.raises(Conflict, match="not finished"):  # nothing asked yet
        services.answer_submit(interview=interview, text=STRONG, client_message_id="early")
    interviewer_speaks(interview)
    services.answer_submit(interview=interview, text=STRONG, client_message_id="tab-1")
    # A second tab, or a double send, racing the first: refused, not stored beside it.
    with pytest.raises(Conflict) as refused:
        services.answer_submit(interview=interview, text="Me too", client_message_id="tab-2")
    assert refused.value.code == "not_your_turn"
    assert interview.turns.filter(speaker="candidate").count() == 1
    retransmit, duplicate = services.answer_submit(
        interview=interview, text=STRONG, client_message_id="tab-1"
    )
    assert duplicate and retransmit.client_message_id == "tab-1"


def test_a_websocket_opened_by_another_sites_page_is_refused(owner, asgi_server):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    interview = ready_interview(owner.workspace)
    url = f"{asgi_server.ws_url}/ws/interviews/{interview.public_id}/"
    with pytest.raises(InvalidStatus) as refused:
        connect(url, origin="https://evil.example")
    assert refused.value.response.status_code == 403
    with connect(url, origin=asgi_server.url) as same_site:
        assert json.loads(same_site.recv(timeout=10))["type"] == "state"


def test_an_unknown_websocket_path_is_refused_without_a_traceback(asgi_server, caplog):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    with pytest.raises(InvalidStatus) as refused:
        connect(f"{asgi_server.ws_url}/ws/nothing-here/")
    assert refused.value.response.status_code == 403
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_json_nested_too_deeply_is_a_malformed_frame_logged_once_without_traceback(
    owner, open_socket, caplog
):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    ws.send('{"type": "answer", "id": "x", "text": ' + "[" * 3000 + "]" * 3000 + "}")
    assert ws.expect("error")["code"] == "malformed"
    assert not [r for r in caplog.records if r.exc_info]
    ws.expect("ack", id=ws.answer(STRONG))


def test_interviewer_turns_are_spoken_as_wav(owner, open_socket, client):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    message = ws.interviewer_turn()
    response = client.get(message["audio_url"])
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert response.content[:4] == b"RIFF" and len(response.content) > 10_000
    assert client.get(f"/i/{interview.public_id}/speech/99.wav").status_code == 404


def test_the_lifecycle_reaches_a_webhook_receiver_signed(owner, open_socket, settings):
    from tests.webhooks.receiver import Receiver, verify

    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = Receiver().start()
    try:
        posting = make_posting(owner.workspace)
        secrets = {}
        for event_type in EVENTS:
            body = {"posting_id": posting.public_id, "url": receiver.url, "event_type": event_type}
            secrets[event_type] = owner.post("/api/v4/webhooks", body).json()["data"]["secret"]
        interview = candidate_ingest(
            posting=posting, row={"name": "Priya Patel", "email": "p@example.com"}
        ).interview
        interview_consent(interview=interview, answer_mode="text")
        ws = open_socket(interview.public_id)
        play_to_the_end(ws)
        ws.expect("finished")
        events = [request.event for request in receiver.received]
        assert [e["event_type"] for e in events] == EVENTS
        assert {e["interview_id"] for e in events} == {interview.public_id}
        for request in receiver.received:
            secret = secrets[request.event["event_type"]]
            assert verify(request.headers["X-HeyMilo-Signature"], request.body, secret)
        report = events[-1]["data"]
        assert report["web_interview"]["match_score"] is not None
        assert report["status"] == "completed"
    finally:
        receiver.stop()


EVENTS = ["candidate_ingested", "interview_started", "interview_completed", "report_available"]


def test_a_posting_without_questions_gets_generated_ones_to_ask(owner, open_socket):
    created = owner.post(
        "/api/v4/postings",
        {
            "title": "Barista",
            "description": "Make espresso drinks, keep the bar clean, "
            "serve customers quickly during the morning rush. Latte art is a plus.",
        },
    ).json()["data"]
    questions = owner.get(f"/api/v4/postings/{created['id']}/questions").json()["data"]
    assert len(questions) == 5 and all(q["evaluation_criteria"] for q in questions)
    from postings.models import Question

    assert Question.objects.filter(generated_by__engine="local").count() == 5
    interview = candidate_ingest(
        posting=Posting.objects.get(public_id=created["id"]),
        row={"name": "Sam", "email": "sam@example.com"},
    ).interview
    interview_consent(interview=interview, answer_mode="text")
    ws = open_socket(interview.public_id)
    assert ws.interviewer_turn()["turn"]["question_id"] == questions[0]["id"]


def test_characters_postgresql_cannot_hold_are_dropped_not_a_crash(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    ack = ws.expect("ack", id=ws.answer("I listened\x00 carefully \ud800."))  # sent as \u escapes
    assert ack["turn"]["text"] == "I listened carefully \ufffd."


def test_a_quiet_candidate_keeps_the_connection(owner, open_socket):
    """A candidate may think (or speak) for a while; the socket must not drop meanwhile."""
    import time

    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    time.sleep(7)  # longer than the channel layer's 5-second blocking wait
    ws.expect("ack", id=ws.answer(STRONG))
    ws.send({"type": "ping"})
    ws.expect("pong")


def test_a_malformed_interview_id_is_refused_cleanly(open_socket, asgi_server, caplog):
    ws = open_socket("%00ABC")
    assert ws.expect("error")["code"] == "unknown_interview"
    ws.close()
    asgi_server.wait_until_idle()  # the server has handled the disconnect, without a traceback
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_a_candidates_question_is_answered_not_scored_and_listed_for_the_recruiter(
    owner, open_socket
):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    ws.interviewer_turn()
    ws.answer("Before I answer: what does the on-call rotation look like?")
    reply = ws.interviewer_turn()["turn"]
    assert reply["kind"] == "reply" and reply["question_id"] == "Q001"
    ws.expect("ack", id=ws.answer(STRONG))
    after = ws.interviewer_turn()["turn"]
    assert after["kind"] in ("follow_up", "question")
    asked = interview.turns.get(kind="inquiry")
    assert asked.speaker == "candidate" and "on-call" in asked.text
    while after["kind"] != "closing":
        ws.answer(STRONG)
        after = ws.interviewer_turn()["turn"]
    ws.expect("finished")
    data = owner.get(f"/api/v4/interviews/{interview.public_id}/data").json()["data"]
    [question] = data["web_interview"]["candidate_questions"]
    assert "on-call" in question["question"] and question["answered"] is False
    q1 = next(r for r in data["web_interview"]["scorecard"] if r["question_id"] == "Q001")
    assert "on-call" not in q1["evaluation_summary"]


def test_repeat_during_the_greeting_repeats_the_question_only(owner, open_socket):
    interview = ready_interview(owner.workspace)
    ws = open_socket(interview.public_id)
    greeting = ws.interviewer_turn()["turn"]
    ws.send({"type": "repeat", "id": "again"})
    repeat = ws.interviewer_turn()["turn"]
    assert repeat["kind"] == "repeat" and "unhappy customer" in repeat["text"]
    assert len(repeat["text"]) < len(greeting["text"]) / 2  # not the whole greeting again
