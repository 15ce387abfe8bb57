#!/usr/bin/env bash
# Builds the fuzz targets for OSS-Fuzz / ClusterFuzzLite (.clusterfuzzlite/build.sh calls this)
# with the service's $CXX, $CXXFLAGS and $LIB_FUZZING_ENGINE, and puts into $OUT each target,
# its .dict, .options and <target>_seed_corpus.zip. Runs outside the service too (clang, libFuzzer,
# output in build/ossfuzz/out), which is how it is checked.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
CXX=${CXX:-clang++}
CXXFLAGS=${CXXFLAGS:--fsanitize=address,undefined -fsanitize=fuzzer-no-link -O1 -g}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}
OUT=${OUT:-"$here/build/ossfuzz/out"}
WORK=${WORK:-"$here/build/ossfuzz/work"}
build="$WORK/bpv"

gen=()
if command -v ninja >/dev/null 2>&1 && [ ! -f "$build/CMakeCache.txt" ]; then gen=(-G Ninja); fi
# The build type "OssFuzz" adds no flags of its own: $CXXFLAGS says everything.
cmake -S "$here" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=OssFuzz \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DBPV_FUZZ=ON -DBPV_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DBPV_SANITIZE= \
  -DBPV_BUILD_TESTS=OFF -DBPV_BUILD_CLI=OFF \
  -DCMAKE_BUILD_RPATH='$ORIGIN/lib'
cmake --build "$build" --parallel "$(nproc)" --target bpv_fuzzers

mkdir -p "$OUT/lib"
targets=$(sed -n '/^set(BPV_FUZZ_TARGETS$/,/^)/s/^  \(fuzz_[a-z_]*\).*/\1/p' "$here/fuzz/CMakeLists.txt")
for t in $targets; do
  cp "$build/fuzz/$t" "$here/fuzz/$t.dict" "$here/fuzz/$t.options" "$OUT/"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$here/fuzz/corpus/$t" && zip -q -r -j "$OUT/${t}_seed_corpus.zip" .)
done
# The runner has none of the build's shared libraries: simdjson travels with the targets.
ldd "$build/fuzz/fuzz_validate" | awk '/libsimdjson/ { print $3 }' | xargs -r -I{} cp -L {} "$OUT/lib/"
echo "ossfuzz: $(echo $targets | wc -w) targets in $OUT"
