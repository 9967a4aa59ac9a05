# The two commands a newcomer needs; each sets up everything it uses (idempotent).
.PHONY: run test bench bench-fit bench-detection setup

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/codedrift run

test: setup
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python benchmarks/sandbox_overhead.py

bench-fit: setup
	.venv/bin/python benchmarks/fit_time.py

bench-detection: setup
	.venv/bin/python benchmarks/detection.py
