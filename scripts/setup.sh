# Sourced by ./preemptscope and ./run-tests: makes sure what they need is on this machine.
# A missing Debian package is installed with apt-get when running as root; otherwise the exact
# command is printed and the caller exits 70 (EX_SOFTWARE, as the launcher always has).

setup_name=${setup_name:-preemptscope}

# Installs the Debian packages named, or says how to and exits 70.
setup_install() {
    [ "$#" -gt 0 ] || return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "$setup_name: installing $* with apt-get ..." >&2
        local log
        log=$(mktemp)
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$log" 2>&1; then
            echo "$setup_name: apt-get could not install $*; its output is in $log" >&2
            exit 70
        fi
        rm -f "$log"
    else
        echo "$setup_name: needs $*; install with: sudo apt-get install -y $*" >&2
        exit 70
    fi
}

# A JDK 17 or newer (javac too: the Maven Wrapper and the build need it).
setup_jdk() {
    local version=0
    if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
        version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        version=${version%%.*}
    fi
    if [ "${version:-0}" -lt 17 ]; then
        setup_install openjdk-17-jdk-headless
    fi
}
