# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DATA ?= ./data
PORT ?= 8080

.PHONY: all deps configure build run test bench format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@ninja -C $(BUILD_DIR) sealpost

run: build
	./$(BUILD_DIR)/sealpost serve --demo --data $(DATA) --port $(PORT)

test: deps
	@scripts/test.sh

bench: configure
	@scripts/bench.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) build-asan
