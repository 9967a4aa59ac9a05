def toposort(deps):
    raise NotImplementedError
