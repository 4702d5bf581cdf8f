# Convenience targets; the scripts are the real commands.
.PHONY: bench test fuzz

bench:
	./scripts/bench.sh

test:
	./scripts/test-all.sh

# Every fuzz target for SECONDS each (needs nightly and cargo-fuzz; see docs/security.md).
SECONDS ?= 600
fuzz:
	./scripts/fuzz.sh all $(SECONDS)
