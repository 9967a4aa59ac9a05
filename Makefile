# The two commands a newcomer needs; each sets up everything it uses (idempotent).
.PHONY: demo run test bench bench-pool bench-fit bench-gradient bench-sbc bench-sbc-window bench-ppc bench-detection bench-dispersion bench-adaptive-null bench-partial bench-steps setup

# A checkout keeps its data (database, images, demo) in ./data; an installed tool uses the per-user
# data directory (core/settings.py). Either way CODEDRIFT_DATA_DIR wins.
export CODEDRIFT_DATA_DIR ?= $(CURDIR)/data

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/codedrift demo

run: setup
	.venv/bin/codedrift run

test:
	@CODEDRIFT_SETUP_BROWSER=1 bash scripts/setup.sh
	.venv/bin/lint-imports --no-cache
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python benchmarks/sandbox_overhead.py --json benchmarks/results/sandbox_overhead.json

bench-pool: setup
	.venv/bin/python benchmarks/pool_validation.py --backend bwrap --per-language 500 --repeat 2
	.venv/bin/python benchmarks/pool_validation.py --report

bench-fit: setup
	.venv/bin/python benchmarks/fit_time.py | tee benchmarks/results/fit_time.txt

bench-gradient: setup
	.venv/bin/python benchmarks/gradient.py | tee benchmarks/results/gradient.txt

bench-sbc: setup
	.venv/bin/python benchmarks/sbc.py --replicates 200 --json benchmarks/results/sbc.json \
		| tee benchmarks/results/sbc.txt

bench-sbc-window: setup
	.venv/bin/python benchmarks/sbc.py --replicates 200 --days 120 --json benchmarks/results/sbc_120d.json \
		| tee benchmarks/results/sbc_120d.txt

bench-ppc: setup
	.venv/bin/python benchmarks/ppc.py --json benchmarks/results/ppc.json | tee benchmarks/results/ppc.txt

bench-detection: setup
	.venv/bin/python benchmarks/detection.py --histories 100 --json benchmarks/results/detection.json \
		| tee benchmarks/results/detection.txt

bench-dispersion: setup
	.venv/bin/python benchmarks/dispersion.py --histories 100 --json benchmarks/results/dispersion.json \
		| tee benchmarks/results/dispersion.txt

bench-adaptive-null: setup
	.venv/bin/python benchmarks/adaptive_null.py --histories 40 --json benchmarks/results/adaptive_null.json \
		| tee benchmarks/results/adaptive_null.txt

bench-partial: setup
	.venv/bin/python benchmarks/partial_credit.py --histories 100 --json benchmarks/results/partial_credit.json \
		| tee benchmarks/results/partial_credit.txt

bench-steps: setup
	.venv/bin/python benchmarks/step_tracking.py --histories 100 --json benchmarks/results/step_tracking.json \
		| tee benchmarks/results/step_tracking.txt
