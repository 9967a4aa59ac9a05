import heapq


class CycleError(ValueError):
    def __init__(self, cycle):
        super().__init__("cycle: " + " -> ".join(cycle))
        self.cycle = cycle


def toposort(deps):
    graph = {node: set(ds) for node, ds in deps.items()}
    for ds in deps.values():
        for d in ds:
            graph.setdefault(d, set())
    waiting = {node: len(ds) for node, ds in graph.items()}
    users = {node: [] for node in graph}
    for node, ds in graph.items():
        for d in ds:
            users[d].append(node)
    ready = [node for node, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for user in users[node]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, user)
    if len(order) < len(graph):
        raise CycleError(_find_cycle(graph, {n for n in graph if waiting[n] > 0}))
    return order


def _find_cycle(graph, stuck):
    # Every stuck node has a stuck dependency, so walking them must revisit a node.
    node = min(stuck)
    path, seen = [], {}
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = min(d for d in graph[node] if d in stuck)
    return path[seen[node]:] + [node]
