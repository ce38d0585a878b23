from heymilo.speech.wer import corpus_word_error_rate, word_error_rate


def test_word_error_rate_counts_word_edits_over_the_reference():
    assert word_error_rate("I have 5 years of on-call", "i have five years of on call.") == 0
    assert word_error_rate("we shipped it on day one", "we skipped it on one") == 2 / 6
    assert word_error_rate("yes", "") == 1
    pairs = [("a b c d", "a b c d"), ("a b", "a c")]
    assert corpus_word_error_rate(pairs) == 100 / 6
