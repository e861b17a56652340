"""Install what a check needs from Debian's packages, only when it is missing.

    from ci_packages import ensure
    ensure([("googletest", lambda: pathlib.Path("/usr/src/googletest").exists())])

Used by the check scripts beside it, which run in CI on Debian or Ubuntu
(as root there, or with sudo). Prints what it installs and how long that
took; raises SystemExit with a clear message if it cannot.
"""

import os
import shutil
import subprocess
import time


def ensure(wanted):
    """wanted: (package, is_present) pairs; installs the absent packages."""
    missing = [package for package, is_present in wanted if not is_present()]
    if not missing:
        return
    if shutil.which("apt-get") is None:
        raise SystemExit(f"missing {', '.join(missing)}, and there is no apt-get to install them")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print(f"installing {' '.join(missing)}", flush=True)
    start = time.monotonic()
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing):
        result = subprocess.run(prefix + command, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, check=False)
        if result.returncode != 0:
            print(result.stdout[-3000:])
            raise SystemExit(f"could not install {' '.join(missing)} ({' '.join(command)} failed)")
    print(f"installed {' '.join(missing)} in {time.monotonic() - start:.0f} s", flush=True)
    still = [package for package, is_present in wanted if not is_present()]
    if still:
        raise SystemExit(f"installed, but still missing: {', '.join(still)}")
