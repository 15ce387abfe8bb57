#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build: everything is in the repository's own script.
"$SRC/bpv/fuzz/ossfuzz.sh"
