from words import top_words


def test_counts_and_order():
    text = "b a c b c b"
    assert top_words(text, 3) == [("b", 3), ("c", 2)]


def test_ties_alphabetical():
    assert top_words("pear apple fig apple fig pear", 3) == [("apple", 2), ("fig", 2), ("pear", 2)]


def test_stopwords():
    text = "The cat and the hat"
    assert top_words(text, 2) == [("cat", 1), ("hat", 1)]
    assert top_words(text, 1, ignore_stopwords=False) == [("the", 2)]


def test_apostrophes():
    text = "'Tis don't DON'T 'tis' rock'n'roll"
    assert top_words(text, 3) == [("don't", 2), ("tis", 2), ("rock'n'roll", 1)]


def test_k_edge_cases():
    assert top_words("x y", 0) == []
    assert top_words("x y", -3) == []
    assert top_words("", 5) == []
