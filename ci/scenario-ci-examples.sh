#!/usr/bin/env bash
# Runs the commands of the CI examples in docs/ci-examples (GitHub Actions and GitLab CI), as those
# CIs would, in a folder laid out like a user's repository: the test bed at testbed/ (this
# checkout, so the build is the incremental one), a suite of the user's in my-scenarios/. Then
# reads the JUnit file each produced with junitparser. A change to the examples is tested here.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/my-scenarios"
ln -s "$repo" "$work/testbed"
cp "$repo"/scenarios/smoke/*.yaml "$work/my-scenarios/"

# The shell commands of each example, in order: GitHub's `run:` steps, GitLab's `script:` lines.
commands() {
  /usr/bin/python3 - "$1" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
if "jobs" in doc:
    for job in doc["jobs"].values():
        for step in job["steps"]:
            if "run" in step:
                print(step["run"].strip())
else:
    for job in doc.values():
        if isinstance(job, dict) and "script" in job:
            for line in job["script"]:
                print(line)
PY
}

for example in github-actions gitlab-ci; do
  echo "=== $example"
  rm -f "$work/scenario-results.xml"
  while IFS= read -r command; do
    echo "\$ $command"
    # Physical paths: CMake would otherwise record the symlinked path in the shared build tree.
    (cd -P "$work" && bash -o physical -euo pipefail -c "$command")
  done < <(commands "$repo/docs/ci-examples/$example.yml")
  "$repo/ci/junit-summary.py" "$work/scenario-results.xml" --at-least 3
done
