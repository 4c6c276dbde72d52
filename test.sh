#!/usr/bin/env bash
# The test command: installs the third-party Modbus peers the interoperability tests run against (mbpoll, socat, a C
# toolchain with libmodbus, node with npm) and what the examples' tests run against (mosquitto, chromium with its driver), Debian
# packages, only those missing, then runs every test with Maven.
# Extra arguments go to Maven, e.g. ./test.sh -pl camel-modbus-component
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v mbpoll >/dev/null 2>&1 || missing+=(mbpoll)
command -v socat >/dev/null 2>&1 || missing+=(socat) # virtual serial port pairs for the RTU tests
dpkg -s libmodbus-dev >/dev/null 2>&1 || missing+=(libmodbus-dev)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
dpkg -s libc6-dev >/dev/null 2>&1 || missing+=(libc6-dev) # gcc only recommends it, and it holds the C headers
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing the test peers and brokers: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

exec mvn -B verify "$@"
