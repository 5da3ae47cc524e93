#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer (Debian's clang 14) of
# the JSON reader, the dataset import and the store API's request handling (tests/fuzz, docs/fuzzing.md). Each
# target runs ${MLM_FUZZ_SECONDS:-60} s from its seed corpus in tests/fuzz/corpus/<target>. A crash, a leak, a
# timeout or any sanitizer report stops it and fails this script; the input is left in build-fuzz/artifacts/<target>.
# Once fixed, copy it into tests/fuzz/corpus/<target>/: ctest replays the corpus in every build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${MLM_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_EACH=${MLM_FUZZ_SECONDS:-60}
SANITIZERS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DMLM_FUZZ=ON -DMLM_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS="$SANITIZERS -fsanitize=fuzzer-no-link" \
    -DCMAKE_EXE_LINKER_FLAGS="$SANITIZERS" >/dev/null
cmake --build "$BUILD" --target fuzz_json fuzz_dataset fuzz_api
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)}
export QT_LOGGING_RULES="*.debug=false;*.info=false;*.warning=false"
for target in json dataset api; do
    found=$(mktemp -d) # new inputs of this run; the committed corpus stays as it is
    mkdir -p "$BUILD/artifacts/$target"
    echo "== fuzz: $target, ${SECONDS_EACH} s"
    if ! "$BUILD/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target/" \
        "$found" "tests/fuzz/corpus/$target" 2>"$BUILD/artifacts/$target/log.txt"; then
        tail -n 60 "$BUILD/artifacts/$target/log.txt" >&2
        echo "fuzz: $target failed; the input is in $BUILD/artifacts/$target/" >&2
        exit 1
    fi
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$BUILD/artifacts/$target/log.txt" \
        | sed "s/^/   $target /"
    rm -rf "$found"
done
echo "== fuzz: every target ran ${SECONDS_EACH} s without a crash or a sanitizer report"
