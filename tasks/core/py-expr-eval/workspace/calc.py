def evaluate(expr: str, variables: dict | None = None):
    raise NotImplementedError
