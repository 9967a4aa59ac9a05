import re
from collections import Counter

STOPWORDS = {"the", "a", "an", "and", "or", "of", "to", "in", "is"}


def tokenize(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def top_words(text: str, k: int, ignore_stopwords: bool = True) -> list[tuple[str, int]]:
    """The k most frequent words as (word, count), most frequent first, ties in alphabetical order.

    Stop words are skipped unless ignore_stopwords is False. k <= 0 gives an empty list.
    """
    if k <= 0:
        return []
    words = (w.strip("'") for w in tokenize(text))
    counts = Counter(w for w in words if w and not (ignore_stopwords and w in STOPWORDS))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
