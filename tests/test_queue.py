"""The embedded default's job queue (heymilo/queue.py): a message appears whole or not at all,
and one that cannot be read is set aside with a log line, never the worker's end."""

import logging

from kombu import Connection


def connection(folder) -> Connection:
    folders = {"data_folder_in": str(folder), "data_folder_out": str(folder)}
    return Connection("heymilo-fs://localhost//", transport_options=folders)


def test_a_corrupt_message_is_set_aside_and_the_next_one_is_delivered(tmp_path, caplog):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue("jobs")
        # What a half-written message looked like to the old transport: cut JSON.
        (tmp_path / f"{1:017d}_a.jobs.msg").write_text('{"body": "eyJ0YXNrIjog')  # the oldest
        queue.put({"task": "interviews.interview_evaluate", "args": [7]})
        with caplog.at_level(logging.ERROR, logger="heymilo.queue"):
            message = queue.get(timeout=2)
        assert message.payload == {"task": "interviews.interview_evaluate", "args": [7]}
        message.ack()
        queue.close()
    assert (tmp_path / "corrupt" / f".{1:017d}_a.jobs.msg.taken").exists()
    assert "skipped an unreadable message" in caplog.text


def test_a_message_being_written_is_not_taken(tmp_path):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue("jobs")
        (tmp_path / f".{2:017d}_b.jobs.msg.partial").write_text('{"body": ')  # a write under way
        queue.put({"n": 1})
        assert queue.get(timeout=2).payload == {"n": 1}
        assert queue.qsize() == 0
        queue.close()
    assert (tmp_path / f".{2:017d}_b.jobs.msg.partial").exists()


def test_messages_come_out_in_the_order_they_went_in(tmp_path):
    with connection(tmp_path) as conn:
        queue = conn.SimpleQueue("jobs")
        for n in range(12):
            queue.put({"n": n})
        assert [queue.get(timeout=2).payload["n"] for _ in range(12)] == list(range(12))
        queue.close()
