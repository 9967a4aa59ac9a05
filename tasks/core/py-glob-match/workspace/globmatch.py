def match(pattern: str, path: str) -> bool:
    raise NotImplementedError
