# The two commands a newcomer needs; each sets up everything it uses (idempotent).
.PHONY: run test bench setup

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/codedrift run

test: setup
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python benchmarks/sandbox_overhead.py
