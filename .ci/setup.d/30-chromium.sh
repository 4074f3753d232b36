# Debian's headless Chromium for the web UI's browser test (tests/web/test_browser.py). Sourced by
# scripts/check under CI=true, as root on fresh Debian; safe to run again (installs only what is
# missing). Sourced under `set -e`, so failures return instead of exiting: the exported
# EVENTWATCH_REQUIRE_BROWSER=1 then makes the browser test fail, never skip, when Chromium is absent.

_ew_chromium_setup() {
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
        apt-get update -qq || return 1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null || return 1
    fi
    EVENTWATCH_CHROMIUM=$(command -v chromium) || return 1
    export EVENTWATCH_CHROMIUM
}

export EVENTWATCH_REQUIRE_BROWSER=1
_ew_chromium_setup || echo "30-chromium: could not install Chromium; the browser test will fail" >&2
unset -f _ew_chromium_setup
