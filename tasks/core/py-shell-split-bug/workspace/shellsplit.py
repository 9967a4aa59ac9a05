def split(line: str) -> list[str]:
    """Split like a POSIX shell: single quotes are literal, double quotes allow \\ and \\" escapes,
    a backslash outside quotes escapes the next character. Unterminated quotes raise ValueError."""
    words, cur = [], ""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch.isspace():
            if cur:
                words.append(cur)
                cur = ""
        elif ch == "\\":
            i += 1
            cur += line[i]
        elif ch == "'":
            j = line.find("'", i + 1)
            cur += line[i + 1 : j].replace("\\", "")
            i = j
        elif ch == '"':
            i += 1
            while line[i] != '"':
                if line[i] == "\\":
                    i += 1
                cur += line[i]
                i += 1
        else:
            cur += ch
        i += 1
    if cur:
        words.append(cur)
    return words
