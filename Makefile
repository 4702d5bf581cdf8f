# Convenience targets; the scripts are the real commands.
.PHONY: bench test

bench:
	./scripts/bench.sh

test:
	./scripts/test-all.sh
