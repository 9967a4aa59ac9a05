def split(line: str) -> list[str]:
    """Split like a POSIX shell: single quotes are literal, double quotes allow \\ and \\" escapes,
    a backslash outside quotes escapes the next character. Unterminated quotes raise ValueError."""
    words, cur, in_word = [], "", False
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch.isspace():
            if in_word:
                words.append(cur)
                cur, in_word = "", False
        elif ch == "\\":
            if i + 1 >= n:
                raise ValueError("no character after backslash")
            i += 1
            cur += line[i]
            in_word = True
        elif ch == "'":
            j = line.find("'", i + 1)
            if j < 0:
                raise ValueError("unterminated single quote")
            cur += line[i + 1 : j]
            i, in_word = j, True
        elif ch == '"':
            i += 1
            while True:
                if i >= n:
                    raise ValueError("unterminated double quote")
                if line[i] == '"':
                    break
                if line[i] == "\\" and i + 1 < n and line[i + 1] in '"\\$`':
                    i += 1
                cur += line[i]
                i += 1
            in_word = True
        else:
            cur += ch
            in_word = True
        i += 1
    if in_word:
        words.append(cur)
    return words
