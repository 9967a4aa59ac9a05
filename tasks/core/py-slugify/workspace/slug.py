def slugify(text: str, max_length: int | None = None) -> str:
    raise NotImplementedError
